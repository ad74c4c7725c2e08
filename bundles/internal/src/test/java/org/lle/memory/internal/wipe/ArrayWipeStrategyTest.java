package org.lle.memory.internal.wipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * byte[] wipes take {@code Arrays.fill} where C2 has the fill intrinsic (OptimizeFill) and a copy from zeroes
 * where it has not. Both ways run here, each in a child JVM with the flag forced, and both must wipe every
 * length around the copy threshold and the zero source's size. The flag reader is checked against the flag as
 * set, with an unknown flag as the control that a failed read says off.
 */
class ArrayWipeStrategyTest {

    @ParameterizedTest(name = "OptimizeFill {0}")
    @ValueSource(booleans = {true, false})
    void everyLengthIsWipedEitherWay(boolean fillIntrinsic) {
        ChildJvmRun run = ChildJvmRun.of(Child.class, "-XX:" + (fillIntrinsic ? "+" : "-") + "OptimizeFill");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("OptimizeFill " + fillIntrinsic).contains("unknown flag false")
                .contains("every length zeroed true");
    }

    /** The child: reports the flag as read, then wipes arrays of many lengths, enough calls for the JIT to compile the wipe. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println("OptimizeFill " + HotSpotFlag.isOn("OptimizeFill"));
            System.out.println("unknown flag " + HotSpotFlag.isOn("NoSuchFlagInAnyJvm"));
            boolean zeroed = true;
            for (int round = 0; round < 2_000; round++) {
                for (int length : new int[] {1, 63, 64, 65, 511, 4095, 4096, 4097, 10_000}) {
                    byte[] data = new byte[length];
                    Arrays.fill(data, (byte) (round | 1));
                    zeroed &= Wipe.clear(data) && isZero(data);
                }
            }
            System.out.println("every length zeroed " + zeroed);
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
