package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.internal.proc.Smaps;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.testsupport.KernelStatus;

/**
 * enable/disable against the kernel: VmLck of /proc/self/status and Locked/VmFlags of the region's mapping
 * in /proc/self/smaps, with page-aligned regions so the expected amounts are exact.
 */
class RegionLockKernelTest {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());
    private static final int PAGE = MEMORY.probe().pageSize();

    @AfterAll
    static void close() {
        MEMORY.close();
    }

    @Test
    void enableLocksExactlyTheRegionsPagesAndDisableReleasesThem() {
        ByteBuffer region = pageAligned(3);
        long address = DirectAddress.of(region);
        long baseline = KernelStatus.vmLckBytes();
        assertThat(KernelSmaps.mappingAt(address).lockedBytes()).as("control: not locked before").isZero();

        assertThat(MEMORY.enableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).isEqualTo(3L * PAGE);
        Smaps.Mapping locked = KernelSmaps.mappingAt(address);
        assertThat(locked.lockedBytes()).isEqualTo(3L * PAGE);
        assertThat(locked.flags()).contains("lo", "dd");
        assertThat(MEMORY.info().lockedBytes()).isEqualTo(3L * PAGE);

        assertThat(MEMORY.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        Smaps.Mapping released = KernelSmaps.mappingAt(address);
        assertThat(released.lockedBytes()).isZero();
        assertThat(released.flags()).doesNotContain("lo", "dd");
        assertThat(MEMORY.info().lockedBytes()).isZero();
    }

    @Test
    void twoRegionsOnOnePageKeepItLockedUntilBothAreDisabled() {
        ByteBuffer page = pageAligned(1);
        ByteBuffer first = page.duplicate().position(0).limit(100);
        ByteBuffer second = page.duplicate().position(200).limit(300);
        long address = DirectAddress.of(page);
        long baseline = KernelStatus.vmLckBytes();

        assertThat(MEMORY.enableSecureMode(first)).isEqualTo(SecureResult.SUCCESS);
        assertThat(MEMORY.enableSecureMode(second)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).as("one page, counted once").isEqualTo(PAGE);

        assertThat(MEMORY.disableSecureMode(first)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).as("the second region still holds the page").isEqualTo(PAGE);
        assertThat(KernelSmaps.mappingAt(address).lockedBytes()).isEqualTo(PAGE);

        assertThat(MEMORY.disableSecureMode(second)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        assertThat(KernelSmaps.mappingAt(address).lockedBytes()).isZero();
    }

    @Test
    void aPageAlreadyCountedCostsNoMlock() {
        ByteBuffer pages = pageAligned(2);
        ByteBuffer holder = pages.duplicate().position(0).limit(64);
        ByteBuffer region = pages.duplicate().position(128).limit(192);
        ByteBuffer spanning = pages.duplicate().position(256).limit(PAGE + 10);
        long before = MEMORY.regionLockCalls();
        assertThat(MEMORY.enableSecureMode(holder)).isEqualTo(SecureResult.SUCCESS);
        assertThat(MEMORY.regionLockCalls() - before).as("control: a new page is one mlock").isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            MEMORY.enableSecureMode(region);
            MEMORY.disableSecureMode(region);
        }
        assertThat(MEMORY.regionLockCalls() - before).as("the page was already counted").isEqualTo(1);
        assertThat(MEMORY.enableSecureMode(spanning)).isEqualTo(SecureResult.SUCCESS);
        assertThat(MEMORY.regionLockCalls() - before).as("only the second page is new").isEqualTo(2);
        MEMORY.disableSecureMode(spanning);
        MEMORY.disableSecureMode(holder);
    }

    @Test
    void regionsOverlappingOnePageLockTheUnionAndReleaseInAnyOrder() {
        ByteBuffer pages = pageAligned(3);
        ByteBuffer low = pages.duplicate().position(0).limit(PAGE + 10); // pages 0 and 1
        ByteBuffer high = pages.duplicate().position(PAGE + 20).limit(3 * PAGE); // pages 1 and 2
        long baseline = KernelStatus.vmLckBytes();

        assertThat(MEMORY.enableSecureMode(low)).isEqualTo(SecureResult.SUCCESS);
        assertThat(MEMORY.enableSecureMode(high)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).isEqualTo(3L * PAGE);
        assertThat(MEMORY.disableSecureMode(low)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).as("page 0 released, 1 and 2 kept").isEqualTo(2L * PAGE);
        assertThat(MEMORY.disableSecureMode(high)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
    }

    @Test
    void doubleEnableCountsTwice() {
        ByteBuffer region = pageAligned(1);
        long baseline = KernelStatus.vmLckBytes();
        MEMORY.enableSecureMode(region);
        MEMORY.enableSecureMode(region);
        assertThat(MEMORY.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).as("one enable left").isEqualTo(PAGE);
        assertThat(MEMORY.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        assertThat(MEMORY.disableSecureMode(region)).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void controlAPlainDirectBufferIsNeitherLockedNorExcludedFromDumps() {
        long baseline = KernelStatus.vmLckBytes();
        ByteBuffer plain = pageAligned(4);
        plain.put(0, (byte) 1);
        Smaps.Mapping mapping = KernelSmaps.mappingAt(DirectAddress.of(plain));
        assertThat(mapping.lockedBytes()).isZero();
        assertThat(mapping.flags()).doesNotContain("lo", "dd", "dc");
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
    }

    @Test
    void closingTheProviderUnlocksEveryRegion() {
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        ByteBuffer region = pageAligned(2);
        long baseline = KernelStatus.vmLckBytes();
        assertThat(memory.enableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(KernelStatus.vmLckBytes() - baseline).isEqualTo(2L * PAGE);
        memory.close();
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        assertThat(memory.enableSecureMode(region)).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void threadsEnablingOverlappingRegionsOfManySizesLeaveNothingLocked() throws Exception {
        ByteBuffer shared = pageAligned(600);
        long baseline = KernelStatus.vmLckBytes();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 300; i++) {
                    int from = random.nextInt(500 * PAGE);
                    int length = 1 + random.nextInt(random.nextBoolean() ? 100 : 90 * PAGE); // spans many stripes
                    ByteBuffer region = shared.duplicate().position(from).limit(from + length);
                    SecureResult enabled = MEMORY.enableSecureMode(region);
                    SecureResult disabled = MEMORY.disableSecureMode(region);
                    if (enabled != SecureResult.SUCCESS || disabled != SecureResult.SUCCESS) {
                        failures.add(from + "+" + length + ": " + enabled + "/" + disabled);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as("%s still running after 60 s", thread.getName()).isFalse();
        }
        assertThat(failures).isEmpty();
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        assertThat(MEMORY.info().lockedBytes()).isZero();
        assertThat(KernelSmaps.mappingAt(DirectAddress.of(shared)).lockedBytes()).isZero();
    }

    @Test
    void errnoMapsToTheSeedsResultCodes() {
        assertThat(NativeFailure.resultOf(1)).isEqualTo(SecureResult.PERMISSION_DENIED);
        assertThat(NativeFailure.resultOf(12)).isEqualTo(SecureResult.OUT_OF_MEMORY);
        assertThat(NativeFailure.resultOf(11)).isEqualTo(SecureResult.RESOURCE_UNAVAILABLE);
        assertThat(NativeFailure.resultOf(38)).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(new NativeFailure("mlock", 12).getMessage()).isEqualTo("mlock failed: ENOMEM (12)");
    }

    /** @return {@code pages} whole pages of a direct buffer, starting on a page boundary */
    static ByteBuffer pageAligned(int pages) {
        ByteBuffer raw = ByteBuffer.allocateDirect((pages + 1) * PAGE);
        return raw.alignedSlice(PAGE).limit(pages * PAGE).slice();
    }
}
