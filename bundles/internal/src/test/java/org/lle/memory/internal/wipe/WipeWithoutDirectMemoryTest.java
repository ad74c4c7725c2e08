package org.lle.memory.internal.wipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * The wipe keeps its zero source off the heap; when it first loads after the JVM's direct memory ran out,
 * every wipe must still work. Runs in a child JVM with a 1 MiB direct-memory limit, used up before the first
 * wipe; the child's control shows that no direct buffer could be had at that moment.
 */
class WipeWithoutDirectMemoryTest {

    @Test
    void wipesWorkWhenDirectMemoryIsExhaustedAtFirstUse() {
        ChildJvmRun run = ChildJvmRun.of(Child.class, "-XX:MaxDirectMemorySize=1m", "-Xmx64m");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("control: direct memory exhausted")
                .contains("direct true zeroed true")
                .contains("array true zeroed true")
                .contains("heap buffer true zeroed true");
    }

    /** The child: uses up direct memory, then wipes for the first time. */
    public static final class Child {
        public static void main(String[] args) {
            List<ByteBuffer> hog = new ArrayList<>();
            ByteBuffer region = ByteBuffer.allocateDirect(8192);
            try {
                while (true) {
                    hog.add(ByteBuffer.allocateDirect(4096));
                }
            } catch (OutOfMemoryError exhausted) {
                System.out.println("control: direct memory exhausted after " + hog.size() + " more buffers");
            }
            fill(region);
            boolean direct = Wipe.clear(region);
            System.out.println("direct " + direct + " zeroed " + zeroed(region));

            byte[] array = new byte[8192];
            Arrays.fill(array, (byte) 0x5A);
            boolean arrayResult = Wipe.clear(array);
            System.out.println("array " + arrayResult + " zeroed " + zeroed(ByteBuffer.wrap(array)));

            ByteBuffer heap = ByteBuffer.allocate(8192);
            fill(heap);
            boolean heapResult = Wipe.clear(heap);
            System.out.println("heap buffer " + heapResult + " zeroed " + zeroed(heap));
            hog.clear();
        }

        private static void fill(ByteBuffer buffer) {
            for (int i = 0; i < buffer.capacity(); i++) {
                buffer.put(i, (byte) 0x5A);
            }
        }

        private static boolean zeroed(ByteBuffer buffer) {
            for (int i = 0; i < buffer.capacity(); i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
