package org.lle.memory.itests.jpms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The packaged jars under test, copied by the build into one directory ({@code lle.jpms.modules}). */
final class ModuleJars {
    static final String API = "lle-memory-api.jar";
    /** The code the bundles share, exported only to them (qualified exports). */
    static final String INTERNAL = "lle-memory-internal.jar";
    static final String POOL = "lle-memory-pool.jar";
    static final String NOOP = "lle-memory-secure-noop.jar";
    static final String POSIX = "lle-memory-secure-posix.jar";
    static final String BROKER = "lle-memory-secure-broker.jar";
    static final String SECURE_LINE = "lle-memory-secure-line.jar";
    static final String TESTKIT = "lle-memory-secure-testkit.jar";
    static final String JNA = "jna.jar";

    /** The jars that are bundles (and so must be named modules). */
    static final List<String> BUNDLES = List.of(API, POOL, NOOP, POSIX, BROKER, SECURE_LINE);

    private ModuleJars() {
    }

    static Path dir() {
        String dir = System.getProperty("lle.jpms.modules");
        assertThat(dir).as("system property lle.jpms.modules (set by the pom)").isNotNull();
        return Path.of(dir);
    }

    /** @return the jar, checked to be a packaged jar file (not a classes directory) */
    static Path jar(String name) {
        Path jar = dir().resolve(name);
        assertThat(jar).as("packaged jar").isRegularFile();
        return jar;
    }

    static List<Path> jars(String... names) {
        return Stream.of(names).map(ModuleJars::jar).collect(Collectors.toList());
    }

    /** @return every jar the build copied, whatever its name */
    static List<Path> allJars() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    /** @return the module descriptor the JDK reads from {@code jar} (explicit or derived automatic) */
    static ModuleDescriptor descriptor(Path jar) {
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertThat(found).as("modules in %s", jar).hasSize(1);
        return found.iterator().next().descriptor();
    }

    static String bundleSymbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
        }
    }

    static String modulePath(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
