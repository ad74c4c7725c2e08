package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureResult;

/** Wipes read back through an independent view: a JNA Pointer over the same native address. */
class WiperReadBackTest {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void close() {
        MEMORY.close();
    }

    @Test
    void closeWipesTheBufferAndItsCanary() {
        ArenaBuffer keeper = (ArenaBuffer) MEMORY.allocate(64); // keeps the chunk mapped for the read-back
        ArenaBuffer secret = (ArenaBuffer) MEMORY.allocate(64);
        assertThat(secret.slot().chunk).isSameAs(keeper.slot().chunk);
        long address = secret.slot().address();
        secret.write(0, pattern(64), 0, 64);
        assertThat(nativeBytes(address, 64)).as("control: the view sees the secret").isEqualTo(pattern(64));
        assertThat(nativeBytes(address + 64, 8)).as("control: the canary is there").isNotEqualTo(new byte[8]);

        secret.close();
        assertThat(nativeBytes(address, 72)).as("secret and canary wiped").containsOnly(0);
        keeper.close();
    }

    @Test
    void clearWipesAndTheBufferStaysUsable() {
        ArenaBuffer secret = (ArenaBuffer) MEMORY.allocate(100);
        long address = secret.slot().address();
        secret.write(0, pattern(100), 0, 100);
        assertThat(nativeBytes(address, 100)).isEqualTo(pattern(100));
        secret.clear();
        assertThat(nativeBytes(address, 100)).containsOnly(0);
        secret.put(5, (byte) 7);
        assertThat(nativeBytes(address + 5, 1)).containsExactly(7);
        secret.close();
    }

    @Test
    void secureClearOfASmallDirectRegionIsSeenByAnotherView() {
        checkDirectWipe(200, 10, 150);
    }

    @Test
    void secureClearOfALargeDirectRegionIsSeenByAnotherView() {
        checkDirectWipe(3 << 16, 7, (2 << 16) + 3);
    }

    private static void checkDirectWipe(int capacity, int from, int to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
        buffer.put(pattern(capacity)).clear();
        long address = DirectAddress.of(buffer);
        assertThat(nativeBytes(address, capacity)).as("control").isEqualTo(pattern(capacity));
        buffer.position(from).limit(to);
        assertThat(MEMORY.secureClear(buffer)).isEqualTo(SecureResult.SUCCESS);
        byte[] expected = pattern(capacity);
        Arrays.fill(expected, from, to, (byte) 0);
        assertThat(nativeBytes(address, capacity)).isEqualTo(expected);
    }

    @Test
    void directAddressAgreesWithJna() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).position(5).slice();
        assertThat(DirectAddress.of(buffer))
                .isEqualTo(Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(buffer)));
        assertThat(DirectAddress.of(buffer.asReadOnlyBuffer())).isEqualTo(DirectAddress.of(buffer));
    }

    static byte[] nativeBytes(long address, int length) {
        return new Pointer(address).getByteArray(0, length);
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251 + 1);
        }
        return bytes;
    }
}
