package org.lle.memory.secure.posix.kernel;

import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/**
 * Child side: a secure buffer holding a random marker, and the mapping the kernel shows it in. The mapping
 * is found from outside the provider: among the mappings that appeared since before {@code detect()}, the
 * one whose bytes contain the marker (the Java heap is committed whole at start, -Xms = -Xmx, so the
 * marker's transient heap copy is never in a new mapping).
 */
final class PlantedSecret {
    final SecureMemory memory;
    final SecureBuffer buffer;
    final byte[] marker;
    final long address;
    final Mapping mapping;
    /** The process's mappings before the provider was loaded. */
    final List<Mapping> before;

    private PlantedSecret(SecureMemory memory, SecureBuffer buffer, byte[] marker, long address, Mapping mapping,
            List<Mapping> before) {
        this.memory = memory;
        this.buffer = buffer;
        this.marker = marker;
        this.address = address;
        this.mapping = mapping;
        this.before = before;
    }

    /** Plants the marker and reports {@code provider}, {@code secretMapping}, {@code secretHits}; aborts unless found once. */
    static PlantedSecret plant(int size) {
        List<Mapping> before = ProcMaps.read("self");
        SecureMemory memory = SecureMemories.detect();
        ChildSide.report("provider", memory.info().provider());
        SecureBuffer buffer = memory.allocate(size);
        byte[] marker = ChildSide.randomMarker();
        buffer.write(0, marker, 0, marker.length);
        List<Mapping> now = ProcMaps.read("self");
        List<Long> hits = find(ProcMaps.added(before, now), marker);
        ChildSide.report("secretHits", hits.size());
        if (hits.size() != 1) {
            ChildSide.abort("the marker written to the secure buffer was found " + hits.size()
                    + " times in the mappings added since detect(), expected exactly once");
        }
        long address = hits.get(0);
        Mapping mapping = ProcMaps.containing(now, address).orElseThrow();
        ChildSide.report("secretMapping", mapping);
        return new PlantedSecret(memory, buffer, marker, address, mapping, before);
    }

    /**
     * Scans readable anonymous-like mappings for {@code needle}; returns the addresses where it starts.
     * Mappings can vanish while we scan (a JIT compiler thread exits and its stack is unmapped), so memory
     * is never read through a raw pointer here: the kernel copies it into a pipe and answers EFAULT for a
     * page that is gone, where a raw read would kill this process with SIGSEGV.
     */
    static List<Long> find(List<Mapping> mappings, byte[] needle) {
        List<Long> hits = new ArrayList<>();
        byte[] block = new byte[1 << 20];
        int[] pipe = new int[2];
        if (KernelLibc.pipe(pipe) != 0) {
            ChildSide.abort("pipe() failed: errno " + Native.getLastError());
        }
        try {
            for (Mapping m : mappings) {
                if (!m.readable() || !m.anonymousLike()) {
                    continue;
                }
                long step = block.length - (needle.length - 1);
                for (long off = 0; off < m.size(); off += step) {
                    int want = (int) Math.min(block.length, m.size() - off);
                    int len = copyThroughPipe(pipe, m.start() + off, block, want);
                    long blockStart = m.start() + off;
                    ByteSearch.forEachMatch(block, len, needle, i -> hits.add(blockStart + i));
                    if (len < want || off + len >= m.size()) {
                        break; // the rest of the mapping is gone (or done)
                    }
                }
            }
        } finally {
            KernelLibc.close(pipe[0]);
            KernelLibc.close(pipe[1]);
        }
        return hits;
    }

    /** Copies up to {@code length} bytes from {@code address}; stops early at the first page that is gone. */
    private static int copyThroughPipe(int[] pipe, long address, byte[] dst, int length) {
        final int piece = 32 << 10; // well under the pipe's 64 KiB capacity, so a write never blocks
        int copied = 0;
        while (copied < length) {
            int n = Math.min(piece, length - copied);
            long written = KernelLibc.write(pipe[1], address + copied, n);
            if (written <= 0) {
                return copied; // EFAULT: unmapped since /proc/self/maps was read
            }
            int drained = 0;
            byte[] chunk = new byte[(int) written];
            while (drained < written) {
                long r = KernelLibc.read(pipe[0], chunk, written - drained);
                if (r <= 0) {
                    ChildSide.abort("read from the pipe failed: errno " + Native.getLastError());
                }
                System.arraycopy(chunk, 0, dst, copied + drained, (int) r);
                drained += (int) r;
            }
            copied += (int) written;
            if (written < n) {
                return copied;
            }
        }
        return copied;
    }
}
