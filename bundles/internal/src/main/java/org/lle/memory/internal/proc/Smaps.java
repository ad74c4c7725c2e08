package org.lle.memory.internal.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mappings of {@code /proc/self/smaps}: each one's range, permissions, name, locked bytes and VmFlags
 * ({@code lo} locked, {@code dd} not dumped, {@code dc} not inherited by a forked child). The one reader of
 * smaps: the shell shows it, and the tests ask the kernel through it.
 */
public final class Smaps {
    private Smaps() {
    }

    /**
     * @param start first address
     * @param end address after the last byte
     * @param perms the permissions, {@code rw-p} and the like
     * @param name the path or pseudo name ({@code [heap]}, {@code /secretmem (deleted)}), {@code ""} if anonymous
     * @param lockedBytes the "Locked:" field in bytes, -1 when the block has none
     * @param flags the VmFlags two-letter codes, empty when the block has none
     */
    public record Mapping(long start, long end, String perms, String name, long lockedBytes, Set<String> flags) {
        public long size() {
            return end - start;
        }

        public boolean contains(long address) {
            return address >= start && address < end;
        }

        /** @return locked and left out of core dumps: what a secure-buffer chunk looks like */
        public boolean lockedAndNotDumped() {
            return flags.contains("lo") && flags.contains("dd");
        }
    }

    /** @return this process's mappings from one read of the file; empty when it cannot be read */
    public static List<Mapping> current() {
        return ProcFiles.read("/proc/self/smaps").map(Smaps::parse).orElse(List.of());
    }

    /** @return every mapping of a smaps text, in its order */
    public static List<Mapping> parse(String smapsText) {
        List<Mapping> result = new ArrayList<>();
        String[] header = null;
        long locked = -1;
        Set<String> flags = Set.of();
        for (String line : (Iterable<String>) smapsText.lines()::iterator) {
            if (isHeader(line)) {
                if (header != null) {
                    result.add(mapping(header, locked, flags));
                }
                header = line.trim().split("\\s+", 6);
                locked = -1;
                flags = Set.of();
            } else if (line.startsWith("Locked:")) {
                locked = ProcStatus.kbField(line, "Locked:").orElse(-1);
            } else if (line.startsWith("VmFlags:")) {
                flags = Set.of(line.substring("VmFlags:".length()).trim().split("\\s+"));
            }
        }
        if (header != null) {
            result.add(mapping(header, locked, flags));
        }
        return result;
    }

    private static Mapping mapping(String[] header, long locked, Set<String> flags) {
        int dash = header[0].indexOf('-');
        return new Mapping(Long.parseUnsignedLong(header[0].substring(0, dash), 16),
                Long.parseUnsignedLong(header[0].substring(dash + 1), 16), header.length > 1 ? header[1] : "",
                header.length > 5 ? header[5].trim() : "", locked, flags);
    }

    /** A mapping's first line starts with its hex range ({@code 7f..-7f.. rw-p ...}); field lines with a name. */
    private static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
