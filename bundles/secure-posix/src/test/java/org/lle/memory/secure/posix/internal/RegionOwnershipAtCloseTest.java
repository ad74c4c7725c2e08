package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * Item 8 of issue 9: provider shutdown unlocks only regions whose enabling buffer is still reachable. A
 * region whose buffer was dropped without disableSecureMode may lie on memory that now belongs to someone
 * else, who may have locked it: close must not undo that lock. Checked against the kernel (smaps VmFlags).
 */
class RegionOwnershipAtCloseTest {
    private static final int PAGE = PlatformProbe.get().pageSize();

    private long base;

    @BeforeEach
    void map() {
        base = LibC.mmap(0, 4L * PAGE, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        assertThat(base).isNotEqualTo(LibC.MAP_FAILED);
    }

    @AfterEach
    void unmap() {
        LibC.munmap(base, 4L * PAGE);
    }

    @Test
    void closeLeavesAnotherOwnersLockOnPagesOfADroppedRegionAndUnlocksRegionsStillHeld() throws Exception {
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        WeakReference<ByteBuffer> dropped = enableThroughAViewThatIsDropped(memory, base, 2 * PAGE);
        awaitCleared(dropped);
        // the memory now belongs to another owner, who locks it for its own reasons
        assertThat(LibC.mlock(base, 2L * PAGE)).isZero();
        ByteBuffer held = new Pointer(base + 2L * PAGE).getByteBuffer(0, 2L * PAGE);
        assertThat(memory.enableSecureMode(held)).isEqualTo(SecureResult.SUCCESS);
        for (int page = 2; page < 4; page++) {
            assertThat(locked(page)).as("control: page %d of the held region is locked", page).isTrue();
        }

        memory.close();

        for (int page = 0; page < 2; page++) {
            assertThat(locked(page)).as("the other owner's lock on page %d survives the close", page).isTrue();
        }
        for (int page = 2; page < 4; page++) {
            assertThat(locked(page)).as("page %d of the held region is unlocked", page).isFalse();
            assertThat(KernelSmaps.mappingAt(base + (long) page * PAGE).flags()).doesNotContain("dd");
        }
        assertThat(held.capacity()).isEqualTo(2 * PAGE); // held stays reachable until here
        LibC.munlock(base, 2L * PAGE);
    }

    /**
     * @return whether {@code page} of the test mapping is locked: mlock splits mappings at lock boundaries, so
     *         the VmFlags of the mapping holding the page say it ("lo"), whatever neighbours the kernel merged
     */
    private boolean locked(int page) {
        return KernelSmaps.mappingAt(base + (long) page * PAGE).flags().contains("lo");
    }

    private static WeakReference<ByteBuffer> enableThroughAViewThatIsDropped(PosixSecureMemory memory, long address,
            int length) {
        ByteBuffer view = new Pointer(address).getByteBuffer(0, length);
        assertThat(memory.enableSecureMode(view)).isEqualTo(SecureResult.SUCCESS);
        return new WeakReference<>(view);
    }

    private static void awaitCleared(WeakReference<?> reference) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reference.get() != null) {
            assertThat(System.nanoTime()).as("the dropped view was collected within 20 s").isLessThan(deadline);
            System.gc();
            Thread.sleep(10);
        }
    }
}
