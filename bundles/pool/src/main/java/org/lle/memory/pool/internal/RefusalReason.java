package org.lle.memory.pool.internal;

import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolType;

/**
 * Why an allocation was refused, each with the exception that says so: the type, the size, the strategy and
 * the budget or source that said no, with what it holds.
 */
enum RefusalReason {
    /** The type's budget cannot hold one more block of the class. */
    OVER_TYPE_BUDGET {
        @Override
        String why(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            int t = type.ordinal();
            return "the " + type + " budget of " + ledger.typeLimit(t) + " bytes is exhausted (" + ledger.held(t)
                    + " bytes held)";
        }

        @Override
        long budget(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return ledger.typeLimit(type.ordinal());
        }
    },
    /** The total budget of all types cannot hold one more block of the class. */
    OVER_TOTAL_BUDGET {
        @Override
        String why(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return "the total budget of " + ledger.totalLimit() + " bytes is exhausted (" + ledger.totalHeld()
                    + " bytes held; " + type + " holds " + ledger.held(type.ordinal()) + ")";
        }

        @Override
        long budget(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return ledger.totalLimit();
        }
    },
    /** A pool could not grow: the JVM's direct memory limit ({@code -XX:MaxDirectMemorySize}) was reached. */
    NO_DIRECT_MEMORY {
        @Override
        String why(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            int t = type.ordinal();
            return "the JVM's direct memory is exhausted (-XX:MaxDirectMemorySize), no new slab could be allocated ("
                    + type + " budget " + ledger.typeLimit(t) + " bytes, " + ledger.held(t) + " held)";
        }

        @Override
        long budget(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return ledger.typeLimit(type.ordinal());
        }
    },
    /** The emergency reserve could not hold the block. */
    RESERVE_SPENT {
        @Override
        String why(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return "the emergency reserve of " + reserve.capacity() + " bytes cannot hold it (" + reserve.used()
                    + " bytes in use)";
        }

        @Override
        long budget(PoolType type, BudgetLedger ledger, EmergencyReserve reserve) {
            return reserve.capacity();
        }
    };

    abstract String why(PoolType type, BudgetLedger ledger, EmergencyReserve reserve);

    abstract long budget(PoolType type, BudgetLedger ledger, EmergencyReserve reserve);

    MemoryBudgetExceededException exception(PoolType type, int size, AllocationStrategy strategy,
            BudgetLedger ledger, EmergencyReserve reserve) {
        return new MemoryBudgetExceededException(type, size, budget(type, ledger, reserve), "cannot allocate " + size
                + " bytes of " + type + " with " + strategy + ": " + why(type, ledger, reserve));
    }
}
