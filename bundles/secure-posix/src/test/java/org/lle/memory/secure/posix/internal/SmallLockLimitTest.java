package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;

/**
 * A small RLIMIT_MEMLOCK without CAP_IPC_LOCK (a child JVM under prlimit + setpriv): the arena shrinks its
 * chunks until one fits the limit, so buffers are still locked; the control shows the full chunk would not.
 */
class SmallLockLimitTest {

    @Test
    void underA64KiBLimitChunksShrinkUntilTheyLock() throws Exception {
        String out = runChild(65536);
        assertThat(out).contains("ipcLock=false", "locked=true", "vmLck=65536", "degraded=false");
    }

    @Test
    void underAOnePageLimitTheSmallestChunkLocksAndUnderNoneNothingDoes() throws Exception {
        String out = runChild(4096); // the 64-byte class's smallest chunk is one page; the probe holds none
        assertThat(out).contains("ipcLock=false", "locked=true", "vmLck=4096");
        String none = runChild(0);
        assertThat(none).contains("ipcLock=false", "locked=false", "vmLck=0", "degraded=true", "EPERM");
    }

    private static String runChild(long memlock) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("prlimit", "--memlock=" + memlock + ":" + memlock, "setpriv",
                "--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock", java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), Child.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("child output: %s", out).isZero();
        System.out.println("memlock=" + memlock + ": " + out.replace('\n', ' '));
        return out;
    }

    /** Runs in the child: allocates one 64-byte buffer and reports what the kernel and the provider say. */
    public static final class Child {
        public static void main(String[] args) {
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                long before = ProcSelf.vmLck();
                SecureBuffer buffer = memory.allocate(64);
                System.out.println("ipcLock=" + PlatformProbe.hasCapIpcLock());
                System.out.println("locked=" + buffer.isLocked());
                System.out.println("vmLck=" + (ProcSelf.vmLck() - before));
                System.out.println("degraded=" + memory.info().degraded() + " " + memory.info().degradationReason());
                buffer.close();
            }
        }
    }
}
