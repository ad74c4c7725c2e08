package org.lle.memory.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the kernel says about this process's mappings in {@code /proc/self/smaps}: each mapping's range,
 * permissions, locked bytes and VmFlags ({@code lo} locked, {@code dd} not dumped, {@code dc} not inherited by
 * a forked child).
 *
 * <p>Independent of the shell's {@code Smaps} on purpose: a test checks the kernel's word with a reader that
 * shares no code with the code under test.
 */
public final class KernelSmaps {
    private static final String SELF = "self";

    private KernelSmaps() {
    }

    /** One mapping of /proc/self/smaps; {@code lockedBytes} is -1 when its block has no Locked line. */
    public record Mapping(long start, long end, String perms, long lockedBytes, Set<String> flags) {
        public boolean contains(long address) {
            return address >= start && address < end;
        }
    }

    /** @return the number of mappings of this process ({@code /proc/self/maps}) */
    public static int mappingCount() {
        return KernelStatus.lines(SELF, "maps").size();
    }

    /**
     * @return the bytes of all mappings whose VmFlags carry every one of {@code flags}. Bytes, not a count of
     *         mappings: the kernel merges neighbouring mappings with equal flags, so a count depends on where
     *         mmap put them
     */
    public static long bytesOfMappingsFlagged(String... flags) {
        Set<String> wanted = Set.of(flags);
        return allMappings().stream().filter(m -> m.flags().containsAll(wanted)).mapToLong(m -> m.end() - m.start())
                .sum();
    }

    /** @return whether {@code address} lies in a mapping marked not dumped and not forked ({@code dd dc}) */
    public static boolean isNotDumpedNorForked(long address) {
        try {
            return mappingAt(address).flags().containsAll(Set.of("dd", "dc"));
        } catch (AssertionError unmapped) {
            return false;
        }
    }

    /** @return every smaps entry, from one read of the file */
    public static List<Mapping> allMappings() {
        List<String> lines = KernelStatus.lines(SELF, "smaps");
        List<Mapping> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i))) {
                all.add(parse(lines, i));
            }
        }
        return all;
    }

    /** @return the smaps entry of the mapping holding {@code address} @throws AssertionError when none does */
    public static Mapping mappingAt(long address) {
        return find(address, false);
    }

    /** @return the smaps entry of the mapping that ends exactly at {@code address} (the one just below it) */
    public static Mapping mappingEndingAt(long address) {
        return find(address, true);
    }

    private static Mapping find(long address, boolean endingAt) {
        List<String> lines = KernelStatus.lines(SELF, "smaps");
        for (int i = 0; i < lines.size(); i++) {
            if (!isHeader(lines.get(i))) {
                continue;
            }
            long[] range = range(lines.get(i));
            boolean match = endingAt ? range[1] == address : address >= range[0] && address < range[1];
            if (match) {
                return parse(lines, i);
            }
        }
        throw new AssertionError("no mapping " + (endingAt ? "ends at" : "holds") + " 0x" + Long.toHexString(address));
    }

    private static Mapping parse(List<String> lines, int i) {
        String line = lines.get(i);
        long[] range = range(line);
        int space = line.indexOf(' ');
        String perms = line.substring(space + 1, space + 5);
        long locked = -1;
        Set<String> flags = Set.of();
        for (int j = i + 1; j < lines.size() && !isHeader(lines.get(j)); j++) {
            String field = lines.get(j);
            if (field.startsWith("Locked:")) {
                locked = Long.parseLong(field.trim().split("\\s+")[1]) * 1024;
            } else if (field.startsWith("VmFlags:")) {
                flags = Set.of(field.substring(8).trim().split("\\s+"));
            }
        }
        return new Mapping(range[0], range[1], perms, locked, flags);
    }

    private static long[] range(String header) {
        int dash = header.indexOf('-');
        int space = header.indexOf(' ');
        return new long[] {Long.parseUnsignedLong(header.substring(0, dash), 16),
                Long.parseUnsignedLong(header.substring(dash + 1, space), 16)};
    }

    /** A mapping's first line starts with its hex range ({@code 7f..-7f.. rw-p ...}); field lines with a name. */
    private static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && isHex(line.substring(0, dash));
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
