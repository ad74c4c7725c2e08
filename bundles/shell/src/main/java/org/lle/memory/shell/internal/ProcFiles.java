package org.lle.memory.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads small kernel files; a missing or unreadable file is an empty result, never an exception. */
final class ProcFiles {
    private ProcFiles() {
    }

    static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** @return the first line, trimmed */
    static Optional<String> firstLine(String path) {
        return read(path).map(s -> s.lines().findFirst().orElse("").trim());
    }
}
