package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Child for the fork test. Holds a marker in a secure buffer and a control marker in a plain direct
 * buffer, checks that write(2) from both addresses works in this process, then forks for real. The forked
 * process only makes raw libc calls: write(2) from each address into a pipe, then _exit with both results
 * encoded. write(2) reads through the kernel, so a mapping missing in the fork gives -1 (EFAULT) instead of
 * a crash.
 */
public final class ForkProbeChild {
    /** _exit code digits: the write returned -1 / the full marker / something else. */
    private static final int FAILED = 1;
    private static final int WROTE_ALL = 2;
    private static final int OTHER = 3;

    private ForkProbeChild() {
    }

    public static void main(String[] args) throws Exception {
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        ByteBuffer control = ByteBuffer.allocateDirect(ChildSide.MARKER_SIZE);
        byte[] controlMarker = ChildSide.randomMarker();
        control.put(0, controlMarker);
        long secretAddress = secret.address;
        long controlAddress = ChildSide.address(control);

        // Control before forking: this process can hand both addresses to the kernel.
        report("parentSecretWrite", Arrays.equals(writeThroughPipe(secretAddress), secret.marker));
        report("parentControlWrite", Arrays.equals(writeThroughPipe(controlAddress), controlMarker));

        int[] pipe = new int[2];
        check(KernelLibc.pipe(pipe) == 0, "pipe");
        quietDown();
        int pid = KernelLibc.fork();
        if (pid == 0) {
            // Forked child: a single thread copied out of a JVM; raw libc calls only, then _exit.
            long fromSecret = KernelLibc.write(pipe[1], secretAddress, ChildSide.MARKER_SIZE);
            long fromControl = KernelLibc.write(pipe[1], controlAddress, ChildSide.MARKER_SIZE);
            KernelLibc._exit(code(fromSecret) * 10 + code(fromControl));
        }
        check(pid > 0, "fork");
        KernelLibc.close(pipe[1]);
        int status = awaitChild(pid, 20_000);
        byte[] got = readAll(pipe[0]);
        KernelLibc.close(pipe[0]);

        report("forkExited", (status & 0x7f) == 0);
        int exit = (status >> 8) & 0xff;
        report("forkSecretWrite", describe(exit / 10));
        report("forkControlWrite", describe(exit % 10));
        report("forkPipeBytes", got.length);
        report("forkPipeHasControlMarker", contains(got, controlMarker));
        report("forkPipeHasSecretMarker", contains(got, secret.marker));
        secret.buffer.close();
        System.out.println("DONE");
    }

    /**
     * The fork copies only this thread. If another one (a JIT compiler, the GC) held a VM lock at that moment,
     * the copy would hang on it the first time it needs it, so: run the fork side's Java code once here (its
     * methods are linked and have their counters), collect now, and give the compiler queue time to drain.
     */
    private static void quietDown() throws InterruptedException {
        for (long written : new long[] {-1, ChildSide.MARKER_SIZE, 0}) {
            describe(code(written));
        }
        System.gc();
        Thread.sleep(200);
    }

    private static int code(long written) {
        return written == -1 ? FAILED : written == ChildSide.MARKER_SIZE ? WROTE_ALL : OTHER;
    }

    private static String describe(int code) {
        return code == FAILED ? "failed" : code == WROTE_ALL ? "wrote32" : "other" + code;
    }

    private static byte[] writeThroughPipe(long address) {
        int[] pipe = new int[2];
        check(KernelLibc.pipe(pipe) == 0, "pipe");
        long written = KernelLibc.write(pipe[1], address, ChildSide.MARKER_SIZE);
        KernelLibc.close(pipe[1]);
        byte[] got = readAll(pipe[0]);
        KernelLibc.close(pipe[0]);
        return written == ChildSide.MARKER_SIZE ? got : new byte[0];
    }

    private static byte[] readAll(int fd) {
        byte[] all = new byte[0];
        byte[] chunk = new byte[256];
        for (long n; (n = KernelLibc.read(fd, chunk, chunk.length)) > 0; ) {
            byte[] grown = Arrays.copyOf(all, all.length + (int) n);
            System.arraycopy(chunk, 0, grown, all.length, (int) n);
            all = grown;
        }
        return all;
    }

    private static int awaitChild(int pid, long timeoutMillis) throws InterruptedException {
        int[] status = new int[1];
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (KernelLibc.waitpid(pid, status, KernelLibc.WNOHANG) == 0) {
            if (System.currentTimeMillis() > deadline) {
                KernelLibc.kill(pid, KernelLibc.SIGKILL);
                KernelLibc.waitpid(pid, status, 0);
                ChildSide.abort("the forked process did not exit within " + timeoutMillis + " ms; killed it");
            }
            Thread.sleep(5);
        }
        return status[0];
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        boolean[] found = {false};
        ByteSearch.forEachMatch(hay, hay.length, needle, i -> found[0] = true);
        return found[0];
    }

    private static void check(boolean ok, String call) {
        if (!ok) {
            ChildSide.abort(call + " failed");
        }
    }
}
