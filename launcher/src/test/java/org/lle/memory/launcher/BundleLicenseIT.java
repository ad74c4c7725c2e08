package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every lle-memory bundle the launcher ships (and the launcher jar itself) names its license in the manifest. */
class BundleLicenseIT {

    @Test
    void everyProjectBundleCarriesTheApacheLicenseHeader() throws IOException {
        Path launcher = LauncherProcess.jar();
        List<Path> jars;
        try (Stream<Path> files = Files.list(launcher.resolveSibling("bundles"))) {
            jars = Stream.concat(Stream.of(launcher),
                    files.filter(p -> p.getFileName().toString().startsWith("lle-memory-"))).toList();
        }
        assertThat(jars).as("api, pool, noop, posix, broker and the launcher").hasSizeGreaterThanOrEqualTo(6);
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.getManifest().getMainAttributes().getValue("Bundle-License")).as(jar.toString())
                        .startsWith("Apache-2.0");
            }
        }
    }
}
