package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every lle-memory bundle the launcher ships names its license in the manifest. */
class BundleLicenseIT {

    @Test
    void everyProjectBundleCarriesTheApacheLicenseHeader() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(LauncherProcess.jar().resolveSibling("bundles"))) {
            jars = files.filter(p -> p.getFileName().toString().startsWith("lle-memory-")).toList();
        }
        assertThat(jars).as("api, pool, noop, posix, broker and shell").hasSizeGreaterThanOrEqualTo(6);
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.getManifest().getMainAttributes().getValue("Bundle-License")).as(jar.toString())
                        .startsWith("Apache-2.0");
            }
        }
    }

    @Test
    void theLauncherJarIsAPlainExecutableJarNotABundle() throws IOException {
        try (JarFile j = new JarFile(LauncherProcess.jar().toFile())) {
            assertThat(j.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.lle.memory.launcher.Main");
            assertThat(j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                    .as("the commands moved to lle-memory-shell; the launcher installs only bundles/").isNull();
        }
    }
}
