package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

class StatsTest {

    @Test
    void countsHitsMissesBytesAndPeakOnOneThread() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(100, 1).threadCacheSize(4)
                .build())) {
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                blocks.add(p.allocate(PoolType.BUFFER, 100));
            }
            PoolStats s = p.stats(PoolType.BUFFER);
            assertThat(s.allocations()).isEqualTo(6);
            // refills of 1, 2, 2, 2 blocks (doubling up to half the cache): misses at 1, 2, 4, 6
            assertThat(s.cacheMisses()).isEqualTo(4);
            assertThat(s.cacheHits()).isEqualTo(2);
            assertThat(s.liveBlocks()).isEqualTo(6);
            assertThat(s.liveBytes()).isEqualTo(600);
            assertThat(s.reservedBytes()).isEqualTo(6 * 256);
            blocks.forEach(PoolBlock::close); // into the cache; each overflow sends its colder half to the pool
            for (int i = 0; i < 5; i++) {
                p.allocate(PoolType.BUFFER, 10).close();
            }
            s = p.stats(PoolType.BUFFER);
            assertThat(s.allocations()).isEqualTo(11);
            assertThat(s.frees()).isEqualTo(11);
            assertThat(s.liveBlocks()).isZero();
            assertThat(s.liveBytes()).isZero();
            assertThat(s.reservedBytes()).isZero();
            // the 10-byte requests use the 64-byte class: its cache was empty the first time only
            assertThat(s.cacheHits()).isEqualTo(2 + 4);
            assertThat(s.cacheMisses()).isEqualTo(4 + 1);
            assertThat(s.peakBytes()).isEqualTo(600);
            assertThat(p.stats(PoolType.EVENT)).isEqualTo(PoolStats.EMPTY);
        }
    }

    @Test
    void peakIsTheHighestLiveBytesEvenWithoutASnapshotInBetween() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PoolBlock a = p.allocate(PoolType.STRING, 100);
            PoolBlock b = p.allocate(PoolType.STRING, 50);
            a.close();
            PoolBlock c = p.allocate(PoolType.STRING, 20);
            b.close();
            c.close();
            assertThat(p.stats(PoolType.STRING).peakBytes()).isEqualTo(150);
        }
    }

    @Test
    void totalIsTheSumOfTheTypes() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PoolBlock a = p.allocate(PoolType.STRING, 100);
            PoolBlock b = p.allocate(PoolType.EVENT, 1000);
            p.allocate(PoolType.CUSTOM, 5).close();
            PoolStats total = p.totalStats();
            PoolStats sum = PoolStats.EMPTY;
            for (PoolType type : PoolType.values()) {
                sum = sum.plus(p.stats(type));
            }
            assertThat(total).isEqualTo(sum);
            assertThat(total.allocations()).isEqualTo(3);
            assertThat(total.liveBlocks()).isEqualTo(2);
            assertThat(total.liveBytes()).isEqualTo(1100);
            assertThat(total.reservedBytes()).isEqualTo(128 + 1024);
            a.close();
            b.close();
        }
    }

    @Test
    void blocksAreZeroFilledWhenHandedOutAgain() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            byte[] pattern = new byte[4096];
            java.util.Arrays.fill(pattern, (byte) 0x5A);
            PoolBlock a = p.allocate(PoolType.BUFFER, 4096);
            a.write(0, pattern, 0, 4096);
            a.close();
            PoolBlock b = p.allocate(PoolType.BUFFER, 4000); // same class, the cached slot
            byte[] seen = new byte[4000];
            b.read(0, seen, 0, 4000);
            assertThat(seen).containsOnly(0);
            assertThat(b.asByteBuffer().remaining()).isEqualTo(4000);
            b.close();
        }
    }

    @Test
    void bytesWrittenThroughTheViewOrAtAnOffsetAreWipedToo() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PoolBlock a = p.allocate(PoolType.EVENT, 512);
            java.nio.ByteBuffer view = a.asByteBuffer();
            view.put(511, (byte) 1);
            view.put(0, (byte) 1);
            a.close();
            PoolBlock b = p.allocate(PoolType.EVENT, 512);
            assertThat(b.get(0)).isZero();
            assertThat(b.get(511)).isZero();
            b.write(400, new byte[] {9, 9, 9}, 0, 3);
            b.put(10, (byte) 9);
            b.close();
            PoolBlock c = p.allocate(PoolType.EVENT, 512);
            byte[] seen = new byte[512];
            c.read(0, seen, 0, 512);
            assertThat(seen).containsOnly(0);
            assertThat(SlotId.of((PooledBlock) c)).isEqualTo(SlotId.of((PooledBlock) a));
            c.close();
        }
    }

    @Test
    void countersOfThreadsThatEndedAreKeptAndTheirCachesReturned() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    p.allocate(PoolType.SYNTAX, 100).close();
                }
            });
            t.start();
            t.join();
            assertThat(p.ledger().held(PoolType.SYNTAX.ordinal())).isEqualTo(128); // one block cached by t
            PoolStats s = p.stats(PoolType.SYNTAX); // reaps the ended thread
            assertThat(s.allocations()).isEqualTo(10);
            assertThat(s.frees()).isEqualTo(10);
            assertThat(s.cacheHits()).isEqualTo(9);
            assertThat(s.peakBytes()).isEqualTo(100);
            assertThat(p.ledger().held(PoolType.SYNTAX.ordinal())).isZero();
            assertThat(p.stats(PoolType.SYNTAX)).isEqualTo(s);
        }
    }
}
