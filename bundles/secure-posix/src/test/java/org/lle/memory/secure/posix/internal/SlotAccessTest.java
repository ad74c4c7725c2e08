package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;

/**
 * What the POSIX provider does when a buffer's access outlives the wait for it: a close that gives up, the leak
 * guard, the provider's shutdown. In each case the memory is wiped at once, goes to no other buffer while the
 * access can still touch it (no crash, no foreign memory), and is wiped again and returned when it closes.
 */
class SlotAccessTest {
    private static final int SIZE = 40;
    private static final long SHORT_WAIT = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void aCloseThatGivesUpWaitingWipesKeepsTheSlotFromOthersAndTheAccessCloseReturnsIt() throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ArenaBuffer keepsTheChunkMapped = (ArenaBuffer) memory.allocate(SIZE);
            ArenaBuffer buffer = (ArenaBuffer) memory.allocate(SIZE);
            long address = buffer.slot().address();
            SecureBuffer.Access access = buffer.access();
            access.fill(0, SIZE, (byte) 0x5A);

            String owner = Thread.currentThread().getName();
            CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> assertThatThrownBy(
                    () -> buffer.slot().close(ArenaSlot.CLOSER_WAIT_NANOS, SHORT_WAIT))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stayed open")
                    .hasMessageContaining(owner));
            closer.get(20, TimeUnit.SECONDS);
            assertThat(buffer.isClosed()).isTrue();
            assertThat(raw(address)).as("wiped by the close that gave up").isEqualTo(new byte[SIZE]);
            assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class);
            assertThat(CompletableFuture.supplyAsync(() -> buffer.slot().close()).get(20, TimeUnit.SECONDS))
                    .as("closed for every other closer").isEqualTo(ArenaSlot.Closing.ALREADY_CLOSED);

            List<ArenaBuffer> others = allocateMany(memory, 64);
            assertThat(others).as("the slot goes to no other buffer while the access is open")
                    .noneMatch(other -> other.slot().address() == address);
            access.put(1, (byte) 0x77); // still its own memory: no one else's, no crash
            access.close();
            assertThat(raw(address)).as("wiped again when the access closed").isEqualTo(new byte[SIZE]);
            others.forEach(ArenaBuffer::close);
            List<ArenaBuffer> after = allocateMany(memory, 80); // the 64 others were freed after it: a stack
            assertThat(after).as("returned once the access closed").anyMatch(o -> o.slot().address() == address);
            after.forEach(ArenaBuffer::close);
            keepsTheChunkMapped.close();
        }
    }

    @Test
    void theLeakGuardWipesABufferDroppedWithItsAccessOpenAndTheAccessCloseReturnsIt() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ArenaBuffer keepsTheChunkMapped = (ArenaBuffer) memory.allocate(SIZE);
            ArenaSlot[] slot = new ArenaSlot[1];
            SecureBuffer.Access access = openAndDrop(memory, slot);
            long address = slot[0].address();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!slot[0].isClosed() && System.nanoTime() < deadline) {
                System.gc();
                Thread.onSpinWait();
            }
            assertThat(slot[0].isClosed()).as("the leak guard closed the dropped buffer").isTrue();
            assertThat(raw(address)).as("wiped by the leak guard").isEqualTo(new byte[SIZE]);
            List<ArenaBuffer> others = allocateMany(memory, 64);
            assertThat(others).noneMatch(other -> other.slot().address() == address);
            access.put(0, (byte) 1);
            access.close();
            assertThat(raw(address)).isEqualTo(new byte[SIZE]);
            others.forEach(ArenaBuffer::close);
            keepsTheChunkMapped.close();
        }
    }

    @Test
    void shutdownLeavesTheChunkOfAnOpenAccessMappedUntilTheAccessCloses() {
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        ArenaBuffer buffer = (ArenaBuffer) memory.allocate(SIZE);
        long address = buffer.slot().address();
        SecureBuffer.Access access = buffer.access();
        access.fill(0, SIZE, (byte) 0x33);
        assertThat(KernelSmaps.isNotDumpedNorForked(address)).isTrue();
        memory.close();
        assertThat(buffer.isClosed()).isTrue();
        assertThat(raw(address)).as("wiped at shutdown").isEqualTo(new byte[SIZE]);
        assertThat(KernelSmaps.isNotDumpedNorForked(address)).as("still mapped for the open access").isTrue();
        access.put(0, (byte) 1); // mapped: no crash
        access.close();
        assertThat(KernelSmaps.isNotDumpedNorForked(address)).as("unmapped once the access closed").isFalse();
    }

    private static SecureBuffer.Access openAndDrop(PosixSecureMemory memory, ArenaSlot[] slot) {
        ArenaBuffer buffer = (ArenaBuffer) memory.allocate(SIZE);
        slot[0] = buffer.slot();
        SecureBuffer.Access access = buffer.access();
        access.fill(0, SIZE, (byte) 0x44);
        return access;
    }

    private static List<ArenaBuffer> allocateMany(PosixSecureMemory memory, int count) {
        List<ArenaBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            buffers.add((ArenaBuffer) memory.allocate(SIZE));
        }
        return buffers;
    }

    private static byte[] raw(long address) {
        return new Pointer(address).getByteArray(0, SIZE);
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[SIZE];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
