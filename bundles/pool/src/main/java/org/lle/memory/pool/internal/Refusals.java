package org.lle.memory.pool.internal;

import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolType;

/** Builds the exception of a refused allocation: type, size, strategy and the budget or source that said no. */
final class Refusals {
    /** Every pool the strategy allows was full (blocksPerPool reached, or direct memory ran out). */
    static final int EXHAUSTED = 3;
    /** The emergency reserve could not hold the block. */
    static final int RESERVE_SPENT = 4;
    /** A pool could not grow: the JVM's direct memory limit (-XX:MaxDirectMemorySize) was reached. */
    static final int NO_DIRECT_MEMORY = 5;

    private Refusals() {
    }

    static MemoryBudgetExceededException refusal(PoolType type, int size, AllocationStrategy strategy, int reason,
            Generation generation, BudgetLedger ledger, EmergencyReserve reserve) {
        int t = type.ordinal();
        String head = "cannot allocate " + size + " bytes of " + type + " with " + strategy + ": ";
        switch (reason) {
            case BudgetLedger.OVER_TYPE_BUDGET:
                return new MemoryBudgetExceededException(type, size, ledger.typeLimit(t), head + "the " + type
                        + " budget of " + ledger.typeLimit(t) + " bytes is exhausted (" + ledger.held(t)
                        + " bytes held)");
            case BudgetLedger.OVER_TOTAL_BUDGET:
                return new MemoryBudgetExceededException(type, size, ledger.totalLimit(), head + "the total budget of "
                        + ledger.totalLimit() + " bytes is exhausted (" + ledger.totalHeld() + " bytes held)");
            case RESERVE_SPENT:
                return new MemoryBudgetExceededException(type, size, reserve.capacity(), head
                        + "the emergency reserve of " + reserve.capacity() + " bytes cannot hold it ("
                        + reserve.used() + " bytes in use)");
            case NO_DIRECT_MEMORY:
                return new MemoryBudgetExceededException(type, size, ledger.typeLimit(t), head
                        + "the JVM's direct memory is exhausted (-XX:MaxDirectMemorySize), no new slab could be"
                        + " allocated (" + type + " budget " + ledger.typeLimit(t) + " bytes, " + ledger.held(t)
                        + " held)");
            case EXHAUSTED:
            default:
                SizeClass[] classes = generation.types[t].classes;
                return new MemoryBudgetExceededException(type, size, ledger.typeLimit(t), head
                        + "every pool it may use is full (" + classes[0].pools.length + " pools of "
                        + classes[0].pools[0].maxBlocks + " blocks per size class; " + type + " budget "
                        + ledger.typeLimit(t) + " bytes, " + ledger.held(t) + " held)");
        }
    }
}
