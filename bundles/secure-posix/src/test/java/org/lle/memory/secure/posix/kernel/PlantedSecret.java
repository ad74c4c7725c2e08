package org.lle.memory.secure.posix.kernel;

import com.sun.jna.Pointer;
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

    /** Scans readable anonymous-like mappings for {@code needle}; returns the addresses where it starts. */
    static List<Long> find(List<Mapping> mappings, byte[] needle) {
        List<Long> hits = new ArrayList<>();
        byte[] block = new byte[1 << 20];
        for (Mapping m : mappings) {
            if (!m.readable() || !m.anonymousLike()) {
                continue;
            }
            Pointer base = new Pointer(m.start());
            long step = block.length - (needle.length - 1);
            for (long off = 0; off < m.size(); off += step) {
                int len = (int) Math.min(block.length, m.size() - off);
                base.read(off, block, 0, len);
                long blockStart = m.start() + off;
                ByteSearch.forEachMatch(block, len, needle, i -> hits.add(blockStart + i));
                if (off + len >= m.size()) {
                    break;
                }
            }
        }
        return hits;
    }
}
