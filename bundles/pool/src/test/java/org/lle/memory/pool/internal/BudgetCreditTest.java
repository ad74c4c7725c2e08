package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * A thread reserves budget ahead of its refills ({@link BudgetCredit}); that credit must never cost another
 * thread a block the budget allows, never outlive its thread, and never count as held. Each test first shows
 * the credit is there (the control: without taking it back, the check after it would fail).
 */
class BudgetCreditTest {
    private static final int T = PoolType.STRING.ordinal();
    private static final int BLOCK = 64;
    private static final long BUDGET = 64 * 1024;

    private static DefaultMemoryPoolSystem system() {
        return new DefaultMemoryPoolSystem(PoolConfig.builder().sizeClasses(PoolType.STRING, BLOCK, 256)
                .typeBudget(PoolType.STRING, BUDGET).build());
    }

    @Test
    void aLiveThreadsCreditIsTakenBackBeforeARefusal() throws Exception {
        try (DefaultMemoryPoolSystem p = system()) {
            CountDownLatch leased = new CountDownLatch(1);
            CountDownLatch filled = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                PoolBlock b = p.allocate(PoolType.STRING, BLOCK);
                leased.countDown();
                try {
                    filled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                b.close();
            });
            other.start();
            leased.await();
            assertThat(p.ledger().reserved(T) - p.ledger().held(T)).as("control: the other thread leased budget ahead")
                    .isPositive();

            // this thread may still fill the whole budget: the other thread's credit comes back at the edge
            List<PoolBlock> mine = new ArrayList<>();
            try {
                while (true) {
                    mine.add(p.allocate(PoolType.STRING, BLOCK, AllocationStrategy.PRIMARY_ONLY));
                }
            } catch (MemoryBudgetExceededException full) {
                assertThat(full).hasMessageContaining("STRING budget of " + BUDGET);
            }
            assertThat(mine.size() + 1).as("blocks open at the refusal").isEqualTo((int) (BUDGET / BLOCK));
            assertThat(p.ledger().held(T)).isEqualTo(BUDGET);
            filled.countDown();
            other.join();
            mine.forEach(PoolBlock::close);
        }
    }

    @Test
    void anEndedThreadsCreditGoesBackAndNeverCountsAsHeld() throws Exception {
        try (DefaultMemoryPoolSystem p = system()) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    p.allocate(PoolType.STRING, BLOCK).close();
                }
            });
            worker.start();
            worker.join();
            assertThat(p.ledger().held(T)).as("one cached block, no credit").isEqualTo(BLOCK);
            assertThat(p.ledger().reserved(T)).as("control: the ended thread still holds credit").isGreaterThan(BLOCK);
            p.stats(PoolType.STRING); // reaps ended threads
            assertThat(p.ledger().reserved(T)).isZero();
            assertThat(p.ledger().held(T)).isZero();
        }
    }

    @Test
    void aLowerBudgetIsNotOutrunByCreditLeasedBefore() {
        try (DefaultMemoryPoolSystem p = system()) {
            PoolBlock first = p.allocate(PoolType.STRING, BLOCK);
            assertThat(p.ledger().reserved(T)).as("control: credit leased under the old budget").isGreaterThan(2 * BLOCK);
            p.reconfigure(p.config().toBuilder().typeBudget(PoolType.STRING, 2 * BLOCK).build());
            PoolBlock second = p.allocate(PoolType.STRING, BLOCK);
            assertThatThrownBy(() -> p.allocate(PoolType.STRING, BLOCK, AllocationStrategy.PRIMARY_ONLY))
                    .isInstanceOf(MemoryBudgetExceededException.class).hasMessageContaining("budget of " + 2 * BLOCK);
            second.close();
            first.close();
        }
    }
}
