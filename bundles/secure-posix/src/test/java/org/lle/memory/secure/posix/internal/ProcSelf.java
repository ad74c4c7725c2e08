package org.lle.memory.secure.posix.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What the kernel says about this process: /proc/self/status, maps and smaps. */
final class ProcSelf {
    private ProcSelf() {
    }

    /** One mapping of /proc/self/smaps. */
    record Mapping(long start, long end, String perms, long lockedBytes, Set<String> flags) {
        boolean contains(long address) {
            return address >= start && address < end;
        }
    }

    /** @return VmLck of /proc/self/status, in bytes */
    static long vmLck() {
        for (String line : lines("/proc/self/status")) {
            if (line.startsWith("VmLck:")) {
                return kiloBytes(line);
            }
        }
        throw new AssertionError("no VmLck line in /proc/self/status");
    }

    /** @return the number of mappings of this process */
    static int mapCount() {
        return lines("/proc/self/maps").size();
    }

    /**
     * @return the bytes of all mappings whose smaps VmFlags carry every one of {@code flags}. Bytes, not a
     *         count of mappings: the kernel merges neighbouring mappings with equal flags (two chunks' guard
     *         pages side by side become one mapping), so the count depends on where mmap put the chunks
     */
    static long bytesOfMappingsFlagged(String... flags) {
        Set<String> wanted = Set.of(flags);
        long bytes = 0;
        long start = 0;
        long end = 0;
        for (String line : lines("/proc/self/smaps")) {
            if (isHeader(line)) {
                int dash = line.indexOf('-');
                start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                end = Long.parseUnsignedLong(line.substring(dash + 1, line.indexOf(' ')), 16);
            } else if (line.startsWith("VmFlags:")
                    && Set.of(line.substring(8).trim().split("\\s+")).containsAll(wanted)) {
                bytes += end - start;
            }
        }
        return bytes;
    }

    /** @return whether {@code address} lies in a mapping marked not dumped and not forked (an arena chunk) */
    static boolean isArenaMemory(long address) {
        try {
            return mappingAt(address).flags().containsAll(Set.of("dd", "dc"));
        } catch (AssertionError unmapped) {
            return false;
        }
    }

    /** @return every smaps entry, from one read of the file */
    static List<Mapping> allMappings() {
        List<String> lines = lines("/proc/self/smaps");
        List<Mapping> all = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i))) {
                all.add(parse(lines, i));
            }
        }
        return all;
    }

    /** @return the smaps entry of the mapping holding {@code address} */
    static Mapping mappingAt(long address) {
        return find(address, false);
    }

    /** @return the smaps entry of the mapping that ends exactly at {@code address} (the one just below it) */
    static Mapping mappingEndingAt(long address) {
        return find(address, true);
    }

    private static Mapping find(long address, boolean endingAt) {
        List<String> lines = lines("/proc/self/smaps");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash <= 0 || space < dash || !isHex(line.substring(0, dash))) {
                continue;
            }
            long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
            long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            boolean match = endingAt ? end == address : address >= start && address < end;
            if (!match) {
                continue;
            }
            return parse(lines, i);
        }
        throw new AssertionError("no mapping " + (endingAt ? "ends at" : "holds") + " 0x" + Long.toHexString(address));
    }

    private static Mapping parse(List<String> lines, int i) {
        String line = lines.get(i);
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
        long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
        String perms = line.substring(space + 1, space + 5);
        long locked = -1;
        Set<String> flags = Set.of();
        for (int j = i + 1; j < lines.size() && !isHeader(lines.get(j)); j++) {
            String field = lines.get(j);
            if (field.startsWith("Locked:")) {
                locked = kiloBytes(field);
            } else if (field.startsWith("VmFlags:")) {
                flags = Set.of(field.substring(8).trim().split("\\s+"));
            }
        }
        return new Mapping(start, end, perms, locked, flags);
    }

    private static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        return dash > 0 && isHex(line.substring(0, dash));
    }

    private static boolean isHex(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static long kiloBytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
