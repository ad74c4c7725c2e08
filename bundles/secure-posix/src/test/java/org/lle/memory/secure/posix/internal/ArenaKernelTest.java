package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.lle.memory.internal.proc.Smaps;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.testsupport.KernelStatus;

/** The arena's chunks as the kernel sees them: locked, not dumpable, not forkable, between guard pages. */
class ArenaKernelTest {
    private static final int CHUNK = PosixSettings.DEFAULT_CHUNK_SIZE;

    @Test
    void aChunkIsLockedOnceAndReleasedWhenItsBuffersAreClosed() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            ArenaBuffer first = (ArenaBuffer) memory.allocate(64);
            assertThat(KernelStatus.vmLckBytes() - baseline).as("one chunk's data pages").isEqualTo(CHUNK);
            ArenaBuffer second = (ArenaBuffer) memory.allocate(64);
            assertThat(KernelStatus.vmLckBytes() - baseline).as("same chunk, no new lock").isEqualTo(CHUNK);
            assertThat(memory.info().lockedBytes()).isEqualTo(CHUNK);
            assertThat(first.isLocked()).isTrue();

            first.close();
            second.close();
            assertThat(KernelStatus.vmLckBytes() - baseline).as("the class keeps one spare chunk").isEqualTo(CHUNK);
            memory.trim();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
            assertThat(memory.info().lockedBytes()).isZero();
        }
    }

    @Test
    void chunkMappingIsLockedNotDumpedNotForkedAndGuarded() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ArenaBuffer buffer = (ArenaBuffer) memory.allocate(64);
            long data = buffer.slot().chunk.memory.data;
            Smaps.Mapping chunk = KernelSmaps.mappingAt(data);
            assertThat(chunk.start()).isEqualTo(data);
            assertThat(chunk.end() - chunk.start()).isEqualTo(CHUNK);
            assertThat(chunk.perms()).startsWith("rw");
            assertThat(chunk.lockedBytes()).isEqualTo(CHUNK);
            assertThat(chunk.flags()).contains("lo", "dd", "dc");

            Smaps.Mapping guardBefore = KernelSmaps.mappingEndingAt(data);
            Smaps.Mapping guardAfter = KernelSmaps.mappingAt(data + CHUNK);
            for (Smaps.Mapping guard : new Smaps.Mapping[] {guardBefore, guardAfter}) {
                assertThat(guard.perms()).as("guard page").startsWith("---");
                assertThat(guard.lockedBytes()).as("guards cost no lock budget").isZero();
            }
            assertThat(guardBefore.end() - guardBefore.start()).isGreaterThanOrEqualTo(memory.probe().pageSize());
        }
    }

    @Test
    void controlAPlainDirectBufferHasNoneOfTheseFlags() {
        ByteBuffer plain = ByteBuffer.allocateDirect(CHUNK);
        plain.put(0, (byte) 1);
        Smaps.Mapping mapping = KernelSmaps.mappingAt(DirectAddress.of(plain));
        assertThat(mapping.flags()).doesNotContain("lo", "dd", "dc");
        assertThat(mapping.lockedBytes()).isZero();
        assertThat(mapping.perms()).startsWith("rw");
    }

    @Test
    void memfdSecretChunksAreLockedHiddenFromProcMemAndNotForked() throws IOException {
        ProbeResult probe = PlatformProbe.get();
        assertThat(probe.memfdSecret())
                .as("memfd_secret works on this kernel (platform facts); the probe must find it").isTrue();
        PosixSettings withSecret = new PosixSettings(false, true, PosixSettings.DEFAULT_CHUNK_SIZE, false);
        try (PosixSecureMemory secret = new PosixSecureMemory(withSecret);
                PosixSecureMemory plain = new PosixSecureMemory(PosixSettings.defaults())) {
            assertThat(secret.info().capabilities()).contains(SecureCapability.MEMFD_SECRET);
            assertThat(plain.info().capabilities()).doesNotContain(SecureCapability.MEMFD_SECRET);
            long baseline = KernelStatus.vmLckBytes();
            ArenaBuffer hidden = (ArenaBuffer) secret.allocate(32);
            ArenaBuffer visible = (ArenaBuffer) plain.allocate(32);
            byte[] marker = "memfd-secret-marker-0123456789ab".getBytes();
            hidden.write(0, marker, 0, 32);
            visible.write(0, marker, 0, 32);
            assertThat(hidden.contentEquals(marker)).isTrue();
            assertThat(hidden.slot().chunk.memory.secretMemory).isTrue();
            assertThat(KernelStatus.vmLckBytes() - baseline).as("both chunks count as locked").isEqualTo(2L * CHUNK);
            assertThat(KernelSmaps.mappingAt(hidden.slot().address()).flags()).contains("lo", "dd", "dc");

            assertThat(readProcMem(visible.slot().address(), 32)).as("control: plain chunk readable").isEqualTo(marker);
            assertThatThrownBy(() -> readProcMem(hidden.slot().address(), 32))
                    .as("secretmem is not readable through /proc/self/mem").isInstanceOf(IOException.class);
        }
    }

    private static byte[] readProcMem(long address, int length) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/self/mem", "r")) {
            mem.seek(address);
            byte[] bytes = new byte[length];
            mem.readFully(bytes);
            return bytes;
        }
    }

    @Test
    void buffersOfOneClassShareAChunkAndClassesAreSeparate() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ArenaBuffer a = (ArenaBuffer) memory.allocate(60);
            ArenaBuffer b = (ArenaBuffer) memory.allocate(64);
            ArenaBuffer c = (ArenaBuffer) memory.allocate(65);
            assertThat(a.slot().chunk).isSameAs(b.slot().chunk);
            assertThat(c.slot().chunk).isNotSameAs(a.slot().chunk);
            assertThat(b.slot().address() - a.slot().address()).as("64 bytes + 8-byte canary").isEqualTo(72);
            assertThat(memory.chunkCount()).isEqualTo(2);
            SecureBuffer largest = memory.allocate(memory.maxAllocationSize());
            assertThat(largest.isLocked()).isTrue();
        }
    }
}
