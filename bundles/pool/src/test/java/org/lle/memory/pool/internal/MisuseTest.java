package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/** Every bad input and every misuse gets a specific exception, never a crash or a silent wrong answer. */
class MisuseTest {
    private final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults(),
            new TestConfigs.RecordingLeakListener());

    @AfterEach
    void close() {
        pools.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -512, Integer.MIN_VALUE, 16385, 1 << 20, Integer.MAX_VALUE})
    void sizesOutsideOneToTheLargestClassNameTheValueAndTheLimit(int size) {
        for (AllocationStrategy strategy : AllocationStrategy.values()) {
            assertThatThrownBy(() -> pools.allocate(PoolType.BUFFER, size, strategy))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("size " + size)
                    .hasMessageContaining("1..16384");
        }
        assertThat(pools.stats(PoolType.BUFFER).allocations()).isZero();
        assertThat(pools.stats(PoolType.BUFFER).failures()).isZero();
    }

    @Test
    void theLimitIsThePerTypeLargestClass() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(4, 1).build())) {
            assertThatThrownBy(() -> p.allocate(PoolType.EVENT, 1025))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1024");
            assertThat(p.allocate(PoolType.EVENT, 1024).capacity()).isEqualTo(1024);
        }
    }

    @Test
    void nullTypeOrStrategyIsANullPointerExceptionWithAMessage() {
        assertThatThrownBy(() -> pools.allocate(null, 10)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> pools.allocate(null, 10, AllocationStrategy.AUTOMATIC))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> pools.allocate(PoolType.BUFFER, 10, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("strategy");
        assertThatThrownBy(() -> pools.stats(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> pools.addStateListener(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("listener");
        assertThatThrownBy(() -> pools.reconfigure(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("config");
    }

    @Test
    void indexesAndRangesOutsideTheBlockAreRejectedWithTheLimit() {
        PoolBlock b = pools.allocate(PoolType.STRING, 10);
        byte[] buf = new byte[8];
        assertThatThrownBy(() -> b.get(10)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("10");
        assertThatThrownBy(() -> b.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        // capacity is 128 but only size bytes belong to the owner
        assertThatThrownBy(() -> b.put(100, (byte) 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("100").hasMessageContaining("10");
        assertThatThrownBy(() -> b.read(5, buf, 0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.write(0, buf, 4, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.read(0, buf, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.read(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dst");
        assertThatThrownBy(() -> b.write(0, null, 0, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("src");
        ByteBuffer view = b.asByteBuffer();
        assertThat(view.position()).isZero();
        assertThat(view.limit()).isEqualTo(10);
        assertThat(view.capacity()).isEqualTo(10);
        b.close();
    }

    @Test
    void useAfterCloseThrowsAndDoubleCloseIsHarmless() {
        PoolBlock b = pools.allocate(PoolType.BUFFER, 100);
        b.put(0, (byte) 7);
        b.close();
        b.close();
        assertThat(b.isClosed()).isTrue();
        assertThatThrownBy(() -> b.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> b.put(0, (byte) 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.read(0, new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.write(0, new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::asByteBuffer).isInstanceOf(IllegalStateException.class);
        assertThat(pools.stats(PoolType.BUFFER).frees()).isEqualTo(1);
    }

    @Test
    void aStaleHandleNeverSeesTheNextOwnersData() {
        PoolBlock first = pools.allocate(PoolType.EVENT, 64);
        first.close();
        PoolBlock second = pools.allocate(PoolType.EVENT, 64);
        second.put(0, (byte) 42);
        // thread cache hands the same slot out again; the first handle must still refuse
        assertThatThrownBy(() -> first.get(0)).isInstanceOf(IllegalStateException.class);
        first.close(); // must not free the second owner's block
        assertThat(second.isClosed()).isFalse();
        assertThat(second.get(0)).isEqualTo((byte) 42);
        second.close();
    }

    @Test
    void closeFromAnotherThreadWorksAndCountsOnce() throws Exception {
        PoolBlock b = pools.allocate(PoolType.TEMP, 300);
        CompletableFuture.runAsync(b::close).get();
        CompletableFuture.runAsync(b::close).get();
        b.close();
        assertThat(b.isClosed()).isTrue();
        assertThat(pools.stats(PoolType.TEMP).frees()).isEqualTo(1);
        assertThat(pools.stats(PoolType.TEMP).liveBlocks()).isZero();
    }

    @Test
    void callsAfterSystemCloseAreIllegalStateAndBlocksAreInvalidated() {
        PoolBlock b = pools.allocate(PoolType.HISTORY, 50);
        pools.close();
        pools.close();
        assertThat(pools.state()).isEqualTo(MemoryState.SHUTDOWN);
        assertThat(b.isClosed()).isTrue();
        assertThatThrownBy(() -> b.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatNoException().isThrownBy(b::close);
        assertThatThrownBy(() -> pools.allocate(PoolType.HISTORY, 50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> pools.allocate(PoolType.HISTORY, 50, AllocationStrategy.EMERGENCY_ONLY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pools.stats(PoolType.HISTORY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pools::totalStats).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pools.addStateListener((a, c) -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pools.reconfigure(PoolConfig.defaults())).isInstanceOf(IllegalStateException.class);
        assertThat(pools.config()).isNotNull();
    }

    @Test
    void aBlockClosedAfterTheSystemIsStillWiped() {
        PooledBlock b = (PooledBlock) pools.allocate(PoolType.STRING, 40);
        b.write(0, new byte[] {7, 7, 7, 7}, 0, 4);
        pools.close();
        assertThat(b.slab.memory.get(b.base + 3)).as("control: the bytes are there until the block closes").isEqualTo((byte) 7);
        b.close();
        for (int i = 0; i < 40; i++) {
            assertThat(b.slab.memory.get(b.base + i)).as("byte %d", i).isZero();
        }
    }

    @Test
    void errorStateRefusesAllocationButCanStillShutDown() {
        pools.stateMachine().transition(MemoryState.ERROR);
        assertThatThrownBy(() -> pools.allocate(PoolType.BUFFER, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ERROR");
        pools.close();
        assertThat(pools.state()).isEqualTo(MemoryState.SHUTDOWN);
    }

    @Test
    void closeFromOptimizingOrGcRunningStillReachesShutdown() {
        pools.stateMachine().transition(MemoryState.GC_RUNNING);
        pools.close();
        assertThat(pools.state()).isEqualTo(MemoryState.SHUTDOWN);
    }
}
