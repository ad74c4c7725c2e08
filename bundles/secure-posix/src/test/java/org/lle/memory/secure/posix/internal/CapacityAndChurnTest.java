package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.testsupport.KernelStatus;

/** The arena's footprint: 100,000 locked 64-byte secrets inside 8 MiB; flat mappings under churn. */
class CapacityAndChurnTest {
    private static final long EIGHT_MIB = 8L * 1024 * 1024;

    @Test
    void oneHundredThousandLocked64ByteSecretsFitInEightMiB() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            List<SecureBuffer> secrets = new ArrayList<>(100_000);
            byte[] secret = WiperReadBackTest.pattern(64);
            for (int i = 0; i < 100_000; i++) {
                SecureBuffer buffer = memory.allocate(64);
                buffer.write(0, secret, 0, 64);
                secrets.add(buffer);
            }
            long locked = KernelStatus.vmLckBytes() - baseline;
            System.out.printf("100,000 x 64-byte secrets: VmLck +%d bytes (%.2f MiB, %.1f locked bytes each), "
                    + "%d chunks, info().lockedBytes=%d%n", locked, locked / 1048576.0, locked / 100_000.0,
                    memory.chunkCount(), memory.info().lockedBytes());
            assertThat(secrets).allMatch(SecureBuffer::isLocked);
            assertThat(locked).isLessThanOrEqualTo(EIGHT_MIB).isEqualTo(memory.info().lockedBytes());
            assertThat(secrets.get(99_999).contentEquals(secret)).isTrue();

            secrets.forEach(SecureBuffer::close);
            memory.trim();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
            assertThat(memory.chunkCount()).isZero();
        }
    }

    @Test
    void arenaMappingsStayFlatUnderChurn() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            Random random = new Random(42);
            int[] sizes = {16, 33, 64, 100, 512, 4000};
            churn(memory, random, sizes); // warm up: JIT, spare chunks
            int before = KernelSmaps.mappingCount();
            long secureBefore = KernelSmaps.bytesOfMappingsFlagged("dd", "dc");
            int chunksBefore = memory.chunkCount();
            long[] peak = {0, 0};
            for (int round = 0; round < 5; round++) {
                churn(memory, random, sizes, peak);
            }
            int after = KernelSmaps.mappingCount();
            long secureAfter = KernelSmaps.bytesOfMappingsFlagged("dd", "dc");
            System.out.printf("churn: all maps %d before, %d at the peak, %d after; not-dumped/not-forked bytes "
                    + "%d before, %d at the peak, %d after; chunks %d/%d%n", before, peak[0], after, secureBefore,
                    peak[1], secureAfter, chunksBefore, memory.chunkCount());
            long twoChunksOfAPage = 2 * 3L * memory.probe().pageSize();
            assertThat(peak[1]).as("control: live chunks do show as dd+dc memory")
                    .isGreaterThanOrEqualTo(secureBefore + twoChunksOfAPage);
            assertThat(memory.chunkCount()).isEqualTo(chunksBefore);
            // the whole process's map count is only printed: the JVM maps on its own (heap growth, GC threads)
            assertThat(secureAfter).as("the arena's own mappings are back exactly").isEqualTo(secureBefore);
        }
    }

    private static void churn(PosixSecureMemory memory, Random random, int[] sizes) {
        churn(memory, random, sizes, new long[2]);
    }

    /**
     * Allocates 20,000 buffers of mixed sizes, closes them in random order; records the peak map count and the
     * peak bytes of not-dumped, not-forked memory.
     */
    private static void churn(PosixSecureMemory memory, Random random, int[] sizes, long[] peak) {
        List<SecureBuffer> live = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            live.add(memory.allocate(sizes[random.nextInt(sizes.length)]));
            if (random.nextInt(4) == 0) {
                live.remove(random.nextInt(live.size())).close();
            }
        }
        peak[0] = Math.max(peak[0], KernelSmaps.mappingCount());
        peak[1] = Math.max(peak[1], KernelSmaps.bytesOfMappingsFlagged("dd", "dc"));
        while (!live.isEmpty()) {
            live.remove(live.size() - 1 - random.nextInt(Math.min(live.size(), 100))).close();
        }
    }
}
