package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/** {@code allocate} hands out zero-filled blocks, whatever earlier owners and their stale views did. */
class ZeroFillTest {

    @Test
    void aStaleViewWriteBeforeAWellBehavedOwnersCloseNeverReachesTheOwnersAfterIt() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PooledBlock first = (PooledBlock) pools.allocate(PoolType.EVENT, 50);
            ByteBuffer stale = first.asByteBuffer(); // kept past close: the documented misuse
            first.close();
            PooledBlock second = (PooledBlock) pools.allocate(PoolType.EVENT, 50);
            assertThat(SlotId.of(second)).as("the thread cache hands the same slot out again").isEqualTo(SlotId.of(first));
            second.put(0, (byte) 1); // a well-behaved owner: its own mark covers byte 0 only
            stale.put(40, (byte) 0x5A); // lands in the second owner's block (the caller's bug, seen by that owner)
            second.close();
            PooledBlock third = (PooledBlock) pools.allocate(PoolType.EVENT, 50);
            assertThat(SlotId.of(third)).isEqualTo(SlotId.of(first));
            assertAllZero(third, "third owner");
            third.close();
            PooledBlock fourth = (PooledBlock) pools.allocate(PoolType.EVENT, 64); // the whole 64-byte slot
            assertThat(SlotId.of(fourth)).isEqualTo(SlotId.of(first));
            assertAllZero(fourth, "fourth owner");
            fourth.close();
        }
    }

    /**
     * The allocating thread writes the last byte while another thread writes the first bytes of the same block
     * (allowed: close and access from other threads are; the block is just not meant for concurrent writers).
     * A plain read-modify-write of one shared high-water mark lets the low writer lower it, and the last byte
     * then survives the close for the next owner.
     */
    @Test
    void twoThreadsWritingOneBlockCannotLowerWhatTheCloseWipes() throws Exception {
        int rounds = Integer.getInteger("lle.pool.zeroFillRaceRounds", 20_000);
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger finished = new AtomicInteger(-1);
        AtomicReference<PooledBlock> shared = new AtomicReference<>();
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            Thread low = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    if (!spinUntil(go, r)) {
                        return;
                    }
                    PooledBlock b = shared.get();
                    for (int i = 0; i < 256; i++) {
                        b.put(i, (byte) 1);
                    }
                    finished.set(r);
                }
            }, "low-writer");
            low.setDaemon(true);
            low.start();
            int leftovers = 0;
            int round = 0;
            for (; round < rounds && leftovers == 0; round++) {
                PooledBlock b = (PooledBlock) pools.allocate(PoolType.BUFFER, 4096);
                shared.set(b);
                go.set(round); // both threads run now: spinning, not parked, so the writes overlap
                for (int spin = round % 128; spin > 0; spin--) {
                    Thread.onSpinWait(); // vary where the high write lands in the other thread's loop
                }
                b.put(4095, (byte) 1);
                assertThat(spinUntil(finished, round)).as("the other writer finished round " + round).isTrue();
                b.close();
                PooledBlock next = (PooledBlock) pools.allocate(PoolType.BUFFER, 4096);
                assertThat(SlotId.of(next)).isEqualTo(SlotId.of(b));
                if (next.get(4095) != 0) {
                    leftovers++;
                }
                next.close();
            }
            System.out.println("two writers on one block: " + round + " rounds, " + leftovers + " leftovers");
            assertThat(leftovers).as("bytes of the previous owner left after round " + round).isZero();
        }
    }

    /** Spins until {@code value} holds {@code expected}, at most 20 s. @return whether it did (also SlabViewMarkTest) */
    static boolean spinUntil(AtomicInteger value, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.get() != expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    void aViewOfAnEarlierOwnerMakesEveryLaterCloseOfTheSlotWipeItWhole() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PooledBlock first = (PooledBlock) pools.allocate(PoolType.STRING, 10);
            assertThat(first.dirtyEnd()).as("a block never written costs no wipe").isZero();
            first.put(3, (byte) 1);
            assertThat(first.dirtyEnd()).isEqualTo(4);
            first.asByteBuffer();
            assertThat(first.dirtyEnd()).isEqualTo(first.capacity());
            first.close();
            PooledBlock second = (PooledBlock) pools.allocate(PoolType.STRING, 10);
            assertThat(SlotId.of(second)).isEqualTo(SlotId.of(first));
            assertThat(second.dirtyEnd()).isEqualTo(second.capacity());
            second.close();
        }
    }

    private static void assertAllZero(PoolBlock block, String who) {
        for (int i = 0; i < block.size(); i++) {
            assertThat(block.get(i)).as(who + ": byte " + i).isZero();
        }
    }
}
