package org.lle.memory.internal.wipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * byte[] wipes are {@code Arrays.fill}, which C2 compiles to its fill stub (HotSpot's OptimizeFill) or to a
 * loop, depending on the JDK and the CPU. Each form runs here in a child JVM with the flag forced, called often
 * enough to be compiled, and must wipe every length around the vector widths. The control: a child whose
 * arrays are left unwiped must report it.
 */
class CompiledArrayWipeTest {

    @ParameterizedTest(name = "OptimizeFill {0}")
    @ValueSource(booleans = {true, false})
    void everyLengthIsWipedByTheCompiledFill(boolean fillStub) {
        ChildJvmRun run = ChildJvmRun.of(Child.class, "-XX:" + (fillStub ? "+" : "-") + "OptimizeFill");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("every length zeroed true").contains("control zeroed false");
    }

    /** The child: wipes arrays of many lengths, enough calls for the JIT to compile the wipe. */
    public static final class Child {
        public static void main(String[] args) {
            boolean zeroed = true;
            boolean control = true;
            for (int round = 0; round < 2_000; round++) {
                for (int length : new int[] {1, 7, 31, 32, 33, 63, 64, 65, 511, 4095, 4096, 4097, 10_000}) {
                    byte[] data = new byte[length];
                    Arrays.fill(data, (byte) (round | 1));
                    zeroed &= Wipe.clear(data) && isZero(data);
                    control &= isZero(filled(length, round));
                }
            }
            System.out.println("every length zeroed " + zeroed);
            System.out.println("control zeroed " + control);
        }

        private static byte[] filled(int length, int round) {
            byte[] data = new byte[length];
            Arrays.fill(data, (byte) (round | 1));
            return data;
        }

        private static boolean isZero(byte[] data) {
            for (byte b : data) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
