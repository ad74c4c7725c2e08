package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureResult;

/**
 * enableSecureMode + disableSecureMode of a region on a page that is already locked allocates nothing on the
 * heap once the buffer has been enabled before, however often it repeats: the JVM's own count of the bytes this
 * thread allocated is read around {@value #PAIRS} pairs. The control enables through more buffer objects than
 * the table keeps spare references for, so every enable needs a new weak reference: the same count must see
 * those few bytes per pair, which shows it would also see the record per enable the table used to allocate.
 */
class RegionEnableAllocationTest {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());
    private static final int PAIRS = 10_000;
    /** well under one weak reference per pair: the slack is for the measurement itself */
    private static final long BOUND = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static ByteBuffer page;
    private static ByteBuffer holder;

    @BeforeAll
    static void lockThePage() {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).as("the JVM counts allocated bytes per thread").isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        page = RegionLockKernelTest.pageAligned(1);
        holder = page.slice(0, 64);
        assertThat(MEMORY.enableSecureMode(holder)).isEqualTo(SecureResult.SUCCESS);
    }

    @AfterAll
    static void close() {
        assertThat(MEMORY.disableSecureMode(holder)).isEqualTo(SecureResult.SUCCESS);
        MEMORY.close();
    }

    @Test
    void enableAndDisableOnALockedPageThroughTheSameBufferAllocateNothing() {
        ByteBuffer region = page.slice(128, 64);
        long locksBefore = MEMORY.regionLockCalls();
        pairs(new ByteBuffer[] {region}); // warm-up: interpreter, method handles, compilation

        long allocated = pairs(new ByteBuffer[] {region});
        System.out.println("enable/disable through one buffer: " + allocated + " B for " + PAIRS + " pairs");

        assertThat(MEMORY.regionLockCalls()).as("the page stayed locked: no mlock").isEqualTo(locksBefore);
        assertThat(allocated).as("bytes allocated by %d enable/disable pairs", PAIRS).isLessThan(BOUND);
    }

    @Test
    void controlEnablesThroughEverNewOwnersAreSeenAllocating() {
        ByteBuffer[] owners = new ByteBuffer[64]; // far more than the table's spare references
        for (int n = 0; n < owners.length; n++) {
            owners[n] = page.slice(128, 64);
        }
        pairs(owners);

        long allocated = pairs(owners);
        System.out.println("enable/disable through " + owners.length + " buffers in turn: " + allocated + " B for "
                + PAIRS + " pairs");

        assertThat(allocated).as("control: bytes allocated by %d pairs that each need a new weak reference", PAIRS)
                .isGreaterThan(BOUND);
    }

    /** @return the bytes this thread allocated while making {@value #PAIRS} pairs, through the owners in turn */
    private static long pairs(ByteBuffer[] owners) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int n = 0; n < PAIRS; n++) {
            ByteBuffer owner = owners[n % owners.length];
            SecureResult enabled = MEMORY.enableSecureMode(owner);
            SecureResult disabled = MEMORY.disableSecureMode(owner);
            if (enabled != SecureResult.SUCCESS || disabled != SecureResult.SUCCESS) {
                throw new AssertionError("pair " + n + ": enable -> " + enabled + ", disable -> " + disabled);
            }
        }
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
