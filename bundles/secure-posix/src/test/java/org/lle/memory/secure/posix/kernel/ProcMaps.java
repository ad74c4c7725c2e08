package org.lle.memory.secure.posix.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lle.memory.internal.proc.ProcFiles;

/** Reads {@code /proc/<pid>/maps} and {@code smaps}: what the kernel says about a process's mappings. */
final class ProcMaps {
    private static final Pattern HEADER = Pattern.compile("^[0-9a-f]+-[0-9a-f]+ .*");

    private ProcMaps() {
    }

    /** @param pid a process id, or {@code "self"} @throws IllegalStateException when the file cannot be read */
    private static List<String> lines(String pid, String file) {
        String path = "/proc/" + pid + "/" + file;
        return ProcFiles.read(path).orElseThrow(() -> new IllegalStateException("cannot read " + path)).lines()
                .toList();
    }

    /** @param pid a process id, or {@code "self"} */
    static List<Mapping> read(String pid) {
        List<Mapping> list = new ArrayList<>();
        for (String line : lines(pid, "maps")) {
            if (!line.isBlank()) {
                list.add(Mapping.parse(line));
            }
        }
        return list;
    }

    /** @return the mappings of {@code after} that did not exist with the same range and permissions before */
    static List<Mapping> added(List<Mapping> before, List<Mapping> after) {
        Set<String> old = new HashSet<>();
        before.forEach(m -> old.add(key(m)));
        List<Mapping> added = new ArrayList<>();
        after.stream().filter(m -> !old.contains(key(m))).forEach(added::add);
        return added;
    }

    static boolean isAdded(List<Mapping> before, Mapping m) {
        return before.stream().noneMatch(b -> key(b).equals(key(m)));
    }

    static Optional<Mapping> containing(List<Mapping> maps, long address) {
        return maps.stream().filter(m -> m.contains(address)).findFirst();
    }

    /** @return the mapping starting exactly where {@code m} ends */
    static Optional<Mapping> next(List<Mapping> maps, Mapping m) {
        return maps.stream().filter(n -> n.start() == m.end()).findFirst();
    }

    /** @return the mapping ending exactly where {@code m} starts */
    static Optional<Mapping> previous(List<Mapping> maps, Mapping m) {
        return maps.stream().filter(p -> p.end() == m.start()).findFirst();
    }

    /**
     * @return the fields of the smaps block of the mapping that contains {@code address}
     *         ({@code Size}, {@code Rss}, {@code Locked}, {@code VmFlags}, ...), empty when none does
     */
    static Map<String, String> smapsFieldsAt(String pid, long address) {
        Map<String, String> fields = null;
        for (String line : lines(pid, "smaps")) {
            if (HEADER.matcher(line).matches()) {
                if (fields != null) {
                    return fields;
                }
                if (Mapping.parse(line).contains(address)) {
                    fields = new LinkedHashMap<>();
                    fields.put("Mapping", Mapping.parse(line).toString());
                }
            } else if (fields != null) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        return fields == null ? Map.of() : fields;
    }


    private static String key(Mapping m) {
        return m.start() + "-" + m.end() + m.perms();
    }
}
