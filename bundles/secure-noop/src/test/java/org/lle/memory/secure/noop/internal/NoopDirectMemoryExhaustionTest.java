package org.lle.memory.secure.noop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Running out of direct memory (the JVM's limit) is a {@link SecureMemoryException} with OUT_OF_MEMORY naming
 * the size, not an {@link OutOfMemoryError}; buffers already handed out stay intact and closing them makes room.
 * Runs in a child JVM with a 1 MiB direct-memory limit.
 */
class NoopDirectMemoryExhaustionTest {

    @Test
    void directMemoryRunningOutIsANamedRefusal() {
        ChildJvmRun run = ChildJvmRun.of(Child.class, "-XX:MaxDirectMemorySize=1m", "-Xmx64m");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("refused with OUT_OF_MEMORY").contains("262144 bytes")
                .contains("buffers intact true").contains("after close: allocated again");
        int buffers = Integer.parseInt(out.replaceAll("(?s).*refused after (\\d+) buffers.*", "$1"));
        assertThat(buffers).as("1 MiB holds a few 256 KiB buffers, not unlimited").isBetween(1, 4);
    }

    /** The child: allocates 256 KiB no-op buffers until refused. */
    public static final class Child {
        public static void main(String[] args) {
            NoopSecureMemory memory = new NoopSecureMemory();
            List<SecureBuffer> held = new ArrayList<>();
            try {
                while (held.size() < 1000) {
                    SecureBuffer b = memory.allocate(256 * 1024);
                    b.put(0, (byte) (held.size() + 1));
                    held.add(b);
                }
                System.out.println("never refused");
            } catch (SecureMemoryException refused) {
                boolean intact = true;
                for (int i = 0; i < held.size(); i++) {
                    intact &= held.get(i).get(0) == (byte) (i + 1);
                }
                System.out.println("refused after " + held.size() + " buffers: refused with " + refused.result()
                        + ": " + refused.getMessage());
                System.out.println("buffers intact " + intact);
            }
            held.forEach(SecureBuffer::close);
            held.clear();
            System.gc(); // direct memory comes back when the closed buffers' ByteBuffers are collected
            try (SecureBuffer again = memory.allocate(256 * 1024)) {
                System.out.println("after close: allocated again " + again.size());
            }
        }
    }
}
