package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * A registration that is never undone (a Throwable between an access registering and its {@code finally}, or
 * a thread stuck inside an access) must not make {@code close()} spin forever: past its bound the close ends,
 * says why, and the slot is wiped and never handed to another owner. The allocating thread's own close needs no
 * wait: none of its calls can be in flight while it is in close.
 */
class CloseWaitTest {

    @ParameterizedTest(name = "registration left by the allocating thread: {0}")
    @ValueSource(booleans = {true, false})
    void aRegistrationNeverUndoneEndsTheCloseWithinItsBound(boolean byAllocator) throws Exception {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            pools.setCloseWaitLimitNanos(TimeUnit.MILLISECONDS.toNanos(200));
            PooledBlock b = (PooledBlock) pools.allocate(PoolType.TEMP, 100);
            b.put(99, (byte) 7);
            if (byAllocator) {
                b.enter(); // what a Throwable right after registering leaves behind: no exit
            } else {
                CompletableFuture.runAsync(b::enter).get(20, TimeUnit.SECONDS);
            }
            CompletableFuture<Void> close = CompletableFuture.runAsync(b::close);
            Throwable failure = null;
            try {
                close.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).as("close reports that it gave up").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("gave up after 200 ms").hasMessageContaining("retired");
            assertThat(b.isClosed()).isTrue();
            assertThat(b.slab.memory.get(b.base + 99)).as("wiped").isZero();
            assertThat(pools.stats(PoolType.TEMP).liveBlocks()).isZero();
            assertThat(pools.stats(PoolType.TEMP).frees()).isEqualTo(1);
            assertThat(pools.ledger().held(PoolType.TEMP.ordinal())).isZero();
            List<PoolBlock> later = new ArrayList<>();
            for (int i = 0; i < 2047; i++) { // every block of the class left: none may be the retired slot
                PooledBlock next = (PooledBlock) pools.allocate(PoolType.TEMP, 100,
                        org.lle.memory.pool.AllocationStrategy.PRIMARY_ONLY);
                assertThat(SlotId.of(next)).isNotEqualTo(SlotId.of(b));
                later.add(next);
            }
            later.forEach(PoolBlock::close);
            b.close(); // idempotent
        }
    }

    @Test
    void theAllocatingThreadsCloseIgnoresTheMarkItsOwnCallLeftAndReusesTheSlot() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            pools.setCloseWaitLimitNanos(TimeUnit.SECONDS.toNanos(20));
            PooledBlock b = (PooledBlock) pools.allocate(PoolType.TEMP, 100);
            b.put(99, (byte) 7);
            b.enter(); // what a Throwable right after registering leaves behind: no exit
            long started = System.nanoTime();
            b.close(); // on the allocating thread: returns at once, no exception
            assertThat(System.nanoTime() - started).as("no wait for the stale mark")
                    .isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(b.isClosed()).isTrue();
            assertThat(b.slab.memory.get(b.base + 99)).as("wiped").isZero();
            assertThat(pools.stats(PoolType.TEMP).frees()).isEqualTo(1);
            PooledBlock next = (PooledBlock) pools.allocate(PoolType.TEMP, 100);
            assertThat(SlotId.of(next)).as("the slot went back to this thread's cache, not retired")
                    .isEqualTo(SlotId.of(b));
            next.close();
        }
    }
}
