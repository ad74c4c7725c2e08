package org.lle.memory.internal.wipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the one wipe promises its callers: exactly the asked bytes become zero (lengths around the store-loop
 * limit and the zero source's size, direct and heap buffers, heap slices with an array offset), position and
 * limit stay, and input it refuses is left untouched. Every check first sees the pattern where it expects it
 * gone (the control), so a wipe that did nothing would fail.
 */
class WipeTest {
    private static final int[] LENGTHS = {1, 7, 8, 63, 64, 65, 4095, 4096, 16 * 1024, 16 * 1024 + 1, 40_000};

    @ParameterizedTest(name = "direct {0}")
    @ValueSource(booleans = {true, false})
    void rangeZeroesExactlyTheRange(boolean direct) {
        for (int length : LENGTHS) {
            int capacity = length + 32;
            ByteBuffer buffer = filled(direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity));
            buffer.position(3).limit(capacity - 1);
            assertThat(zeroCount(buffer, 11, length)).as("control").isZero();
            Wipe.range(buffer, 11, length);
            assertThat(zeroCount(buffer, 11, length)).as("length %d", length).isEqualTo(length);
            assertThat(buffer.get(10)).as("byte before").isNotZero();
            assertThat(buffer.get(11 + length)).as("byte after").isNotZero();
            assertThat(buffer.position()).isEqualTo(3);
            assertThat(buffer.limit()).isEqualTo(capacity - 1);
        }
    }

    @Test
    void aHeapSliceIsWipedInsideItsWindowOfTheArrayOnly() {
        byte[] array = new byte[300];
        filled(ByteBuffer.wrap(array));
        ByteBuffer slice = ByteBuffer.wrap(array, 100, 100).slice();
        assertThat(slice.arrayOffset()).as("control: the slice starts inside the array").isEqualTo(100);

        assertThat(Wipe.clear(slice)).isTrue();

        for (int i = 0; i < array.length; i++) {
            assertThat(array[i] == 0).as("byte %d", i).isEqualTo(i >= 100 && i < 200);
        }
        assertThatThrownBy(() -> Wipe.range(slice, 50, 51)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(array[200]).as("nothing past the slice").isNotZero();
    }

    @Test
    void clearWipesBetweenPositionAndLimitAndLeavesThemThere() {
        ByteBuffer buffer = filled(ByteBuffer.allocateDirect(5000)).position(17).limit(4900);
        assertThat(Wipe.clear(buffer)).isTrue();
        assertThat(zeroCount(buffer, 17, 4900 - 17)).isEqualTo(4900 - 17);
        assertThat(buffer.get(16)).isNotZero();
        assertThat(buffer.position()).isEqualTo(17);
        assertThat(buffer.limit()).isEqualTo(4900);
    }

    @Test
    void arraysAreWipedWhole() {
        byte[] bytes = new byte[10_000];
        Arrays.fill(bytes, (byte) 9);
        char[] chars = "correct horse".toCharArray();
        assertThat(Wipe.clear(bytes)).isTrue();
        assertThat(Wipe.clear(chars)).isTrue();
        assertThat(bytes).containsOnly(0);
        assertThat(new String(chars)).isEqualTo("\0".repeat(13));
    }

    @Test
    void refusedInputIsLeftAsItWas() {
        ByteBuffer direct = filled(ByteBuffer.allocateDirect(64));
        assertThat(Wipe.clear((ByteBuffer) null)).isFalse();
        assertThat(Wipe.clear((byte[]) null)).isFalse();
        assertThat(Wipe.clear((char[]) null)).isFalse();
        assertThat(Wipe.clear(new byte[0])).isFalse();
        assertThat(Wipe.clear(new char[0])).isFalse();
        assertThat(Wipe.clear(direct.asReadOnlyBuffer())).isFalse();
        assertThat(Wipe.clear(direct.duplicate().position(64))).as("empty region").isFalse();
        assertThat(zeroCount(direct, 0, 64)).isZero();
    }

    private static ByteBuffer filled(ByteBuffer buffer) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (i % 251 + 1));
        }
        return buffer;
    }

    private static int zeroCount(ByteBuffer buffer, int from, int length) {
        int zeroes = 0;
        for (int i = from; i < from + length; i++) {
            zeroes += buffer.get(i) == 0 ? 1 : 0;
        }
        return zeroes;
    }
}
