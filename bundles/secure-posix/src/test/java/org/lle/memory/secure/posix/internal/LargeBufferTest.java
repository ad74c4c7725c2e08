package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.internal.proc.Smaps;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Buffers above the arena's largest class (64 KiB) up to 16 MiB: each in a mapping of its own, locked, not
 * dumped, not forked, between guard pages, unmapped at close, as the kernel shows in /proc/self/smaps and
 * VmLck. The control is a plain direct buffer of the same size.
 */
class LargeBufferTest {
    private static final int PAGE = PlatformProbe.get().pageSize();

    @AfterEach
    void disarm() {
        NativeFaults.disarm();
    }

    @Test
    void bothProvidersHaveTheSameMaximum() {
        assertThat(PosixSecureMemory.MAX_ALLOCATION_SIZE).isEqualTo(NoopSecureMemory.MAX_ALLOCATION_SIZE);
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            assertThat(memory.maxAllocationSize()).isEqualTo(new NoopSecureMemory().maxAllocationSize())
                    .isEqualTo(16 * 1024 * 1024);
            assertThatThrownBy(() -> memory.allocate(16 * 1024 * 1024 + 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("16777217").hasMessageContaining("16777216");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64 * 1024 + 1, 1024 * 1024, 16 * 1024 * 1024})
    void aLargeBufferHasItsOwnLockedUndumpedUnforkedGuardedMapping(int size) {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            long pages = ((long) size + Long.BYTES + PAGE - 1) / PAGE * PAGE;
            ArenaBuffer buffer = (ArenaBuffer) memory.allocate(size);
            long data = buffer.slot().address();
            assertThat(buffer.isLocked()).isTrue();
            assertThat(KernelStatus.vmLckBytes() - baseline).as("VmLck rises by the buffer's pages").isEqualTo(pages);
            assertThat(memory.info().lockedBytes()).isEqualTo(pages);
            assertThat(memory.info().idleLockedBytes()).isZero();

            Smaps.Mapping mapping = KernelSmaps.mappingAt(data);
            assertThat(mapping.start()).as("the buffer starts its own mapping").isEqualTo(data);
            assertThat(mapping.end() - mapping.start()).isEqualTo(pages);
            assertThat(mapping.perms()).startsWith("rw");
            assertThat(mapping.flags()).contains("lo", "dd", "dc");
            assertThat(mapping.lockedBytes()).isEqualTo(pages);
            for (Smaps.Mapping guard : new Smaps.Mapping[] {KernelSmaps.mappingEndingAt(data),
                    KernelSmaps.mappingAt(data + pages)}) {
                assertThat(guard.perms()).as("guard page").startsWith("---");
                assertThat(guard.lockedBytes()).as("guards cost no lock budget").isZero();
            }

            assertThat(buffer.get(0)).isZero();
            assertThat(buffer.get(size - 1)).as("zero-filled").isZero();
            buffer.put(size - 1, (byte) 0x5A);
            assertThat(buffer.get(size - 1)).as("control: the last byte is inside the mapping").isEqualTo((byte) 0x5A);
            assertThatThrownBy(() -> buffer.get(size)).isInstanceOf(IndexOutOfBoundsException.class);

            buffer.close();
            assertThat(KernelStatus.vmLckBytes()).as("VmLck falls back after close").isEqualTo(baseline);
            assertThat(memory.info().lockedBytes()).isZero();
            assertThat(memory.chunkCount()).as("unmapped, not kept as a spare").isZero();
            assertThat(KernelSmaps.isNotDumpedNorForked(data)).as("the mapping is gone").isFalse();
            assertThatThrownBy(() -> buffer.get(0)).as("a use after close throws, never reaches unmapped memory")
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> buffer.put(size - 1, (byte) 1)).isInstanceOf(IllegalStateException.class);
            buffer.close(); // idempotent
        }
    }

    @Test
    void controlAPlainDirectBufferOfTheSameSizeIsNeitherLockedNorAdvised() {
        long baseline = KernelStatus.vmLckBytes();
        ByteBuffer plain = ByteBuffer.allocateDirect(1024 * 1024);
        plain.put(plain.capacity() - 1, (byte) 1);
        Smaps.Mapping mapping = KernelSmaps.mappingAt(DirectAddress.of(plain));
        assertThat(mapping.flags()).doesNotContain("lo", "dd", "dc");
        assertThat(mapping.lockedBytes()).isZero();
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
    }

    @Test
    void manyLargeBuffersAreEachTheirOwnChunkAndKeepTheirContents() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            SecureBuffer[] buffers = new SecureBuffer[8];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = memory.allocate(70_000 + i * 10_000);
                buffers[i].put(0, (byte) i);
                buffers[i].put(buffers[i].size() - 1, (byte) (i + 100));
            }
            assertThat(memory.chunkCount()).isEqualTo(buffers.length);
            for (int i = 0; i < buffers.length; i++) {
                assertThat(buffers[i].get(0)).isEqualTo((byte) i);
                assertThat(buffers[i].get(buffers[i].size() - 1)).isEqualTo((byte) (i + 100));
                buffers[i].close();
            }
            assertThat(memory.chunkCount()).isZero();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        }
    }

    @Test
    void aLargeBufferThatCannotBeLockedIsHandedOutUnlockedAndReported() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            NativeFaults.failFrom(NativeCall.MLOCK, 1, Errno.ENOMEM);
            SecureBuffer buffer = memory.allocate(1024 * 1024);
            assertThat(buffer.isLocked()).isFalse();
            assertThat(memory.info().degraded()).isTrue();
            assertThat(memory.info().degradationReason()).contains("unlocked", "ENOMEM");
            assertThat(memory.info().capabilities()).doesNotContain(SecureCapability.MLOCK);
            buffer.put(1024 * 1024 - 1, (byte) 3);
            assertThat(buffer.get(1024 * 1024 - 1)).isEqualTo((byte) 3);
            buffer.close();
            assertThat(memory.info().degraded()).as("nothing unlocked is left").isFalse();
            assertThat(memory.info().capabilities()).contains(SecureCapability.MLOCK);
        }
    }

    @Test
    void aStrictProviderRefusesALargeBufferItCannotLock() {
        PosixSettings strict = new PosixSettings(true, false, PosixSettings.DEFAULT_CHUNK_SIZE, false);
        try (PosixSecureMemory memory = new PosixSecureMemory(strict)) {
            long baseline = KernelStatus.vmLckBytes();
            NativeFaults.failFrom(NativeCall.MLOCK, 1, Errno.EPERM);
            assertThatThrownBy(() -> memory.allocate(2 * 1024 * 1024)).isInstanceOf(SecureMemoryException.class)
                    .hasMessageContaining("EPERM")
                    .satisfies(e -> assertThat(((SecureMemoryException) e).result())
                            .isEqualTo(SecureResult.PERMISSION_DENIED));
            NativeFaults.disarm();
            assertThat(memory.chunkCount()).as("the refused mapping was unmapped").isZero();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
            try (SecureBuffer buffer = memory.allocate(2 * 1024 * 1024)) {
                assertThat(buffer.isLocked()).as("works again once the lock works").isTrue();
            }
        }
    }
}
