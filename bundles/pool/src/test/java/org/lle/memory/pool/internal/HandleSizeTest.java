package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.FieldLayout;

/**
 * A handle is allocated for every block and lives as long as the block, so at volume its size is heap held
 * and copied by the GC per live block: {@link PooledBlock} must fit 48 bytes (the leak record and the wide-wipe
 * flag live elsewhere, the system is reached through the allocating thread's cache, the type is kept as its
 * ordinal). Asks HotSpot for the real field offsets.
 */
class HandleSizeTest {
    static final int HANDLE_BYTES = 48;

    @Test
    void aBlockHandleFitsFortyEightBytes() {
        assertThat(fieldsEnd(PooledBlock.class)).isLessThanOrEqualTo(HANDLE_BYTES);
    }

    /** Control: the handle's fields with a system reference, the type's enum and an int busy flag do not fit. */
    @Test
    void theFieldsWithSystemTypeAndIntFlagDoNotFit() {
        assertThat(fieldsEnd(FiftySixByteHandle.class)).isGreaterThan(HANDLE_BYTES);
    }

    /** Control: the handle's fields as they were (a leak record and a boolean besides) do not fit. */
    @Test
    void theFieldsOfTheEarlierHandleDoNotFit() {
        assertThat(fieldsEnd(EarlierHandle.class)).isGreaterThan(HANDLE_BYTES);
    }

    /**
     * Control: the handle's fields with the slot's offset in its slab as an {@code int}, not a {@code char}, do not
     * fit: the {@code char} shares the gap after the guard's byte with the type's ordinal.
     */
    @Test
    void theFieldsWithAnIntOffsetDoNotFit() {
        assertThat(fieldsEnd(IntOffsetHandle.class)).isGreaterThan(HANDLE_BYTES);
    }

    private static long fieldsEnd(Class<?> type) {
        return FieldLayout.instanceFieldsEnd(type);
    }

    @SuppressWarnings("unused")
    abstract static class EarlierGuard {
        private volatile int state;
        private volatile int ownerBusy;
    }

    @SuppressWarnings("unused")
    static final class EarlierHandle extends EarlierGuard {
        Object system;
        Object slot;
        Object type;
        int size;
        Object allocator;
        Object leak;
        int dirtyEnd;
        boolean foreignWrite;
        Thread accessThread;
        long accessSeq;
    }

    @SuppressWarnings("unused")
    static final class FiftySixByteHandle extends EarlierGuard {
        Object system;
        Object slot;
        Object type;
        int size;
        Object allocator;
        int dirtyEnd;
        Thread accessThread;
        long accessSeq;
    }

    @SuppressWarnings("unused")
    abstract static class Guard {
        private volatile int state;
        private volatile byte ownerBusy;
    }

    @SuppressWarnings("unused")
    static final class IntOffsetHandle extends Guard {
        Object slab;
        int offset;
        byte typeIndex;
        int size;
        Object allocator;
        int dirtyEnd;
        Thread accessThread;
        long accessSeq;
    }
}
