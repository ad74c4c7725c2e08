package org.lle.memory.secure.posix.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a file of {@code /proc/<pid>/}. */
final class ProcFiles {
    private ProcFiles() {
    }

    /** @param pid a process id, or {@code "self"} */
    static List<String> lines(String pid, String file) {
        Path path = Path.of("/proc", pid, file);
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
