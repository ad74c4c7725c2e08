package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.testkit.RegionRaceContract;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Item 5 of issue 9: the region calls read the caller's position and limit once. The wipe cases come from the
 * testkit; here enable/disable race a flipper: no region outside the buffer ever enters the table, and after
 * the race every entry is undone by a disable and VmLck is back at its baseline.
 */
class RegionRaceTest extends RegionRaceContract {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());
    private static final int PAGE = MEMORY.probe().pageSize();

    @AfterAll
    static void close() {
        MEMORY.close();
    }

    @Override
    protected SecureMemory memory() {
        return MEMORY;
    }

    @Test
    void enableAndDisableNeverLockOutsideTheBufferAndEveryEnableCanBeUndone() throws Exception {
        ByteBuffer whole = RegionLockKernelTest.pageAligned(9);
        ByteBuffer buffer = whole.slice(3 * PAGE, 3 * PAGE);
        long start = DirectAddress.of(buffer);
        long end = start + 3L * PAGE;
        long baseline = KernelStatus.vmLckBytes();
        PageLockTable table = MEMORY.regionTable();
        int enabled = 0;
        try (Flipper flipper = Flipper.start(buffer, 0, PAGE, 2 * PAGE, 3 * PAGE)) {
            long deadline = System.nanoTime() + RACE_NANOS;
            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                if (MEMORY.enableSecureMode(buffer) == SecureResult.SUCCESS) {
                    enabled++;
                }
                MEMORY.disableSecureMode(buffer); // may name another window: INVALID_PARAMETER, the entry stays
            }
        }
        List<long[]> left = new ArrayList<>();
        table.forEachRegion((address, length, count) -> left.add(new long[] {address, length, count}));
        for (long[] region : left) {
            assertThat(region[1]).as("length of a region in the table").isPositive();
            assertThat(region[0]).as("region start").isBetween(start, end - 1);
            assertThat(region[0] + region[1]).as("region end (exclusive)").isBetween(start + 1, end);
            for (int n = 0; n < region[2]; n++) {
                assertThat(table.disable(region[0], region[1])).isEqualTo(SecureResult.SUCCESS);
            }
        }
        System.out.println("enable race: " + enabled + " enables, " + left.size() + " regions left by the race");
        assertThat(enabled).isPositive();
        assertThat(table.lockedBytes()).isZero();
        assertThat(KernelStatus.vmLckBytes()).as("VmLck back at its baseline").isEqualTo(baseline);
        assertThat(whole.capacity()).isEqualTo(9 * PAGE); // the memory stays ours until the kernel checks are done
    }
}
