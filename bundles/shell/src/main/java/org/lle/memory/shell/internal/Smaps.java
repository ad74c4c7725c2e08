package org.lle.memory.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lle.memory.internal.proc.ProcFiles;
import org.lle.memory.internal.proc.ProcStatus;

/** The mappings of {@code /proc/self/smaps} with their size, locked bytes and VmFlags. */
final class Smaps {
    private Smaps() {
    }

    /**
     * @param start first address
     * @param end address after the last byte
     * @param name the path or pseudo name ({@code [heap]}, {@code /secretmem (deleted)}), {@code ""} if anonymous
     * @param lockedBytes the "Locked:" field
     * @param flags the VmFlags two-letter codes ({@code lo} locked, {@code dd} not dumped, {@code dc} not forked)
     */
    record Mapping(long start, long end, String name, long lockedBytes, Set<String> flags) {
        long size() {
            return end - start;
        }

        /** @return locked and left out of core dumps: what a secure-buffer chunk looks like */
        boolean lockedAndNotDumped() {
            return flags.contains("lo") && flags.contains("dd");
        }

        String describe() {
            return String.format("%x-%x %s%s [%s]", start, end, Units.bytes(size()),
                    name.isEmpty() ? "" : " " + name, String.join(" ", flags.stream().sorted().toList()));
        }
    }

    static List<Mapping> current() {
        return ProcFiles.read("/proc/self/smaps").map(Smaps::parse).orElse(List.of());
    }

    static List<Mapping> parse(String smapsText) {
        List<Mapping> result = new ArrayList<>();
        long start = -1;
        long end = -1;
        String name = "";
        long locked = 0;
        for (String line : (Iterable<String>) smapsText.lines()::iterator) {
            if (isHeader(line)) {
                String[] f = line.trim().split("\\s+", 6);
                String[] range = f[0].split("-");
                start = Long.parseUnsignedLong(range[0], 16);
                end = Long.parseUnsignedLong(range[1], 16);
                name = f.length > 5 ? f[5].trim() : "";
                locked = 0;
            } else if (line.startsWith("Locked:")) {
                locked = ProcStatus.kbField(line, "Locked:").orElse(0);
            } else if (line.startsWith("VmFlags:") && start >= 0) {
                Set<String> flags = Set.of(line.substring("VmFlags:".length()).trim().split("\\s+"));
                result.add(new Mapping(start, end, name, locked, flags));
                start = -1;
            }
        }
        return result;
    }

    /** A mapping header is {@code start-end perms offset dev inode [path]}; field lines are {@code Name: value}. */
    private static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
