package org.lle.memory.launcher.internal.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds what to install: every jar of the bundle directory (the launcher itself runs on the class path). */
final class BundleLocations {
    private BundleLocations() {
    }

    /** @return the jar (or class directory) the launcher runs from */
    static Path self() {
        CodeSource cs = BundleLocations.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IllegalStateException("cannot tell where the launcher runs from (no code source)");
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad launcher location " + cs.getLocation(), e);
        }
    }

    /** @return {@code bundles/} next to the launcher jar (or next to {@code target/classes} in a build tree) */
    static Path defaultBundleDir() {
        Path self = self();
        return self.toAbsolutePath().getParent().resolve("bundles");
    }

    /**
     * @return the install locations: the directory's jars sorted by name
     * @throws IllegalStateException when the directory is missing or holds no jar, naming it
     */
    static List<String> of(Path bundleDir) {
        if (!Files.isDirectory(bundleDir)) {
            throw new IllegalStateException("bundle directory " + bundleDir.toAbsolutePath()
                    + " does not exist: build with 'mvn package' (it fills launcher/target/bundles) or pass --bundles DIR");
        }
        List<String> locations = new ArrayList<>();
        try (Stream<Path> files = Files.list(bundleDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                    .forEach(p -> locations.add(p.toUri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bundleDir, e);
        }
        if (locations.isEmpty()) {
            throw new IllegalStateException("bundle directory " + bundleDir.toAbsolutePath() + " holds no jar");
        }
        return locations;
    }
}
