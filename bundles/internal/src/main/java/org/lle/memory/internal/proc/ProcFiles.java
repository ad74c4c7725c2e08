package org.lle.memory.internal.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads small kernel files; a missing or unreadable file is an empty result, never an exception. */
public final class ProcFiles {
    private ProcFiles() {
    }

    public static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** @return the first line, trimmed */
    public static Optional<String> firstLine(String path) {
        return read(path).map(s -> s.lines().findFirst().orElse("").trim());
    }
}
