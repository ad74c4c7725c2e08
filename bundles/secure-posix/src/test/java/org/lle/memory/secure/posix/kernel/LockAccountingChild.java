package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/**
 * Child for the locked-accounting test: does one step per stdin command and acknowledges it with
 * {@code ack=<command>}, so the test can read this process's VmLck from outside between steps.
 */
public final class LockAccountingChild {
    private static final int PAGE = 4096;
    private static final int SECRET_SIZE = 64;

    private LockAccountingChild() {
    }

    public static void main(String[] args) throws Exception {
        SecureMemory memory = SecureMemories.detect();
        report("provider", memory.info().provider());
        List<SecureBuffer> secrets = new ArrayList<>();
        List<ByteBuffer> plain = new ArrayList<>();
        ByteBuffer large = ByteBuffer.allocateDirect(1 << 20);
        report("largeSpanKiB", pagesSpanned(large) * (PAGE / 1024));
        ByteBuffer shared = ByteBuffer.allocateDirect(3 * PAGE);
        int aligned = (int) ((PAGE - ChildSide.address(shared) % PAGE) % PAGE);
        ByteBuffer regionA = shared.slice(aligned, 100);
        ByteBuffer regionB = shared.slice(aligned + 200, 100);
        report("lockedBytes", memory.info().lockedBytes());
        System.out.println("READY");
        System.out.flush();

        for (String cmd; !(cmd = ChildSide.awaitCommand()).equals("exit") && !cmd.equals("eof"); ) {
            String[] words = cmd.split(" ");
            switch (words[0]) {
                case "alloc":
                    boolean allLocked = true;
                    for (int i = 0, n = Integer.parseInt(words[1]); i < n; i++) {
                        SecureBuffer s = memory.allocate(SECRET_SIZE);
                        s.put(0, (byte) 1);
                        allLocked &= s.isLocked();
                        secrets.add(s);
                    }
                    report("allLocked", allLocked);
                    break;
                case "close":
                    secrets.forEach(SecureBuffer::close);
                    secrets.clear();
                    break;
                case "plain":
                    for (int i = 0, n = Integer.parseInt(words[1]); i < n; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(SECRET_SIZE);
                        b.put(0, (byte) 1);
                        plain.add(b);
                    }
                    for (int i = 0; i < large.capacity(); i += PAGE) {
                        large.put(i, (byte) 1);
                    }
                    break;
                case "enable-large":
                    report("result", memory.enableSecureMode(large));
                    break;
                case "disable-large":
                    report("result", memory.disableSecureMode(large));
                    break;
                case "enable-a":
                    report("result", memory.enableSecureMode(regionA));
                    break;
                case "enable-b":
                    report("result", memory.enableSecureMode(regionB));
                    break;
                case "disable-a":
                    report("result", memory.disableSecureMode(regionA));
                    break;
                case "disable-b":
                    report("result", memory.disableSecureMode(regionB));
                    break;
                default:
                    ChildSide.abort("unknown command " + cmd);
            }
            report("lockedBytes", memory.info().lockedBytes());
            report("ack", cmd);
        }
        report("plainBuffers", plain.size());
    }

    private static long pagesSpanned(ByteBuffer b) {
        long start = ChildSide.address(b);
        long end = start + b.capacity() - 1;
        return end / PAGE - start / PAGE + 1;
    }
}
