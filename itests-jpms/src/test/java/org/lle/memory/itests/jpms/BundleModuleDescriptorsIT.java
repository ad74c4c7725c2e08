package org.lle.memory.itests.jpms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the JDK itself reads from each packaged bundle jar ({@link ModuleFinder}, as {@code java --module-path}
 * and {@code jar --describe-module} do): name, exports, services, requires; and that the jars together form a
 * module graph without split packages.
 */
class BundleModuleDescriptorsIT {
    private static final String POOL_SPI = "org.lle.memory.pool.spi.MemoryPoolSystemFactory";
    private static final String SECURE_SPI = "org.lle.memory.secure.spi.SecureMemoryProvider";
    private static final String LINE_SPI = "org.lle.memory.secure.line.spi.SecretLineFactoryProvider";

    @ParameterizedTest(name = "{0} is the named module {1} = its Bundle-SymbolicName")
    @CsvSource({
        "lle-memory-api.jar,           org.lle.memory.api",
        "lle-memory-internal.jar,      org.lle.memory.internal",
        "lle-memory-pool.jar,          org.lle.memory.pool",
        "lle-memory-secure-noop.jar,   org.lle.memory.secure.noop",
        "lle-memory-secure-posix.jar,  org.lle.memory.secure.posix",
        "lle-memory-secure-broker.jar, org.lle.memory.secure.broker",
        "lle-memory-secure-line.jar,   org.lle.memory.secure.line",
        "lle-memory-shell.jar,         org.lle.memory.shell",
        "lle-memory-monitoring.jar,    org.lle.memory.monitoring",
    })
    void eachBundleIsAnExplicitClosedModuleNamedAfterItsSymbolicName(String jarName, String moduleName)
            throws IOException {
        Path jar = ModuleJars.jar(jarName);
        ModuleDescriptor d = ModuleJars.descriptor(jar);
        assertThat(d.isAutomatic()).as("automatic (no module-info)").isFalse();
        assertThat(d.name()).isEqualTo(moduleName).isEqualTo(ModuleJars.bundleSymbolicName(jar));
        assertThat(d.isOpen()).as("open module").isFalse();
        assertThat(d.opens()).as("opens").isEmpty();
    }

    @Test
    void onlyTheApiPackagesAreExportedAndEveryImplementationPackageIsInternal() throws IOException {
        Map<String, Set<String>> exported = new HashMap<>();
        for (String jarName : ModuleJars.BUNDLES) {
            ModuleDescriptor d = ModuleJars.descriptor(ModuleJars.jar(jarName));
            assertThat(d.exports()).as("qualified exports of %s", d.name()).noneMatch(Exports::isQualified);
            Set<String> packages = d.exports().stream().map(Exports::source).collect(Collectors.toSet());
            exported.put(d.name(), packages);
            Set<String> hidden = d.packages().stream().filter(p -> !packages.contains(p)).collect(Collectors.toSet());
            assertThat(hidden).as("unexported packages of %s", d.name()).allMatch(p -> p.contains(".internal"));
            assertThat(packages).as("exported packages of %s", d.name()).noneMatch(p -> p.contains(".internal"));
        }
        assertThat(exported.get("org.lle.memory.api")).containsExactlyInAnyOrder(
                "org.lle.memory.pool", "org.lle.memory.pool.spi", "org.lle.memory.secure", "org.lle.memory.secure.spi",
                "org.lle.memory.secure.line", "org.lle.memory.secure.line.spi");
        assertThat(exported.get("org.lle.memory.pool")).isEmpty();
        assertThat(exported.get("org.lle.memory.secure.noop")).isEmpty();
        assertThat(exported.get("org.lle.memory.secure.posix")).isEmpty();
        assertThat(exported.get("org.lle.memory.secure.broker")).isEmpty();
        assertThat(exported.get("org.lle.memory.secure.line")).isEmpty();
    }

    @Test
    void theInternalModuleExportsEachPackageOnlyToTheBundlesThatUseIt() {
        ModuleDescriptor d = ModuleJars.descriptor(ModuleJars.jar(ModuleJars.INTERNAL));
        assertThat(d.exports()).as("every export is qualified").allMatch(Exports::isQualified);
        assertThat(d.exports().stream().collect(Collectors.toMap(Exports::source, Exports::targets))).containsOnly(
                Map.entry("org.lle.memory.internal.wipe",
                        Set.of("org.lle.memory.pool", "org.lle.memory.secure.noop", "org.lle.memory.secure.posix")),
                Map.entry("org.lle.memory.internal.padding",
                        Set.of("org.lle.memory.pool", "org.lle.memory.secure.posix")),
                Map.entry("org.lle.memory.internal.proc",
                        Set.of("org.lle.memory.secure.posix", "org.lle.memory.shell")),
                Map.entry("org.lle.memory.internal.jfr", Set.of("org.lle.memory.pool", "org.lle.memory.secure.posix",
                        "org.lle.memory.secure.broker", "org.lle.memory.monitoring")),
                Map.entry("org.lle.memory.internal.access",
                        Set.of("org.lle.memory.pool", "org.lle.memory.secure.noop", "org.lle.memory.secure.posix")),
                Map.entry("org.lle.memory.internal.wait",
                        Set.of("org.lle.memory.pool", "org.lle.memory.secure.posix")));
        assertThat(requires(ModuleJars.INTERNAL).keySet()).as("the JDK only")
                .allMatch(m -> m.startsWith("java.") || m.equals("jdk.jfr"));
    }

    /** In a real layer the pool reads the wipe package and any other module does not (the API's as the control). */
    @Test
    void inALayerOnlyTheFriendModulesCanReadTheInternalPackages() {
        ModuleFinder finder = ModuleFinder.of(ModuleJars.jars(ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POOL)
                .toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("org.lle.memory.pool"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        Module internal = layer.findModule("org.lle.memory.internal").orElseThrow();
        Module pool = layer.findModule("org.lle.memory.pool").orElseThrow();
        Module api = layer.findModule("org.lle.memory.api").orElseThrow();
        assertThat(pool.canRead(internal)).isTrue();
        assertThat(internal.isExported("org.lle.memory.internal.wipe", pool)).isTrue();
        assertThat(internal.isExported("org.lle.memory.internal.padding", pool)).isTrue();
        assertThat(internal.isExported("org.lle.memory.internal.proc", pool)).as("pool reads no /proc").isFalse();
        assertThat(internal.isExported("org.lle.memory.internal.jfr", pool)).isTrue();
        assertThat(internal.isExported("org.lle.memory.internal.wipe", api)).as("control: another module").isFalse();
        assertThat(internal.isExported("org.lle.memory.internal.wipe")).as("unqualified").isFalse();
    }

    @Test
    void theApiUsesBothSpisAndEachServiceLoaderProviderIsProvided() {
        assertThat(ModuleJars.descriptor(ModuleJars.jar(ModuleJars.API)).uses())
                .containsExactlyInAnyOrder(POOL_SPI, SECURE_SPI, LINE_SPI);
        assertThat(provides(ModuleJars.POOL))
                .containsExactly(Map.entry(POOL_SPI, List.of("org.lle.memory.pool.internal.PoolSystemFactory")));
        assertThat(provides(ModuleJars.NOOP)).containsExactly(
                Map.entry(SECURE_SPI, List.of("org.lle.memory.secure.noop.internal.NoopSecureMemoryProvider")));
        assertThat(provides(ModuleJars.POSIX)).containsOnly(
                Map.entry(SECURE_SPI, List.of("org.lle.memory.secure.posix.internal.PosixSecureMemoryProvider")),
                Map.entry("org.lle.memory.secure.line.SecretPrompt",
                        List.of("org.lle.memory.secure.posix.internal.prompt.PosixSecretPrompt")));
        assertThat(provides(ModuleJars.BROKER)).as("the broker is a DS service only").isEmpty();
    }

    @Test
    void theSecretLineModuleProvidesItsFactoryThroughTheApisSpi() {
        assertThat(provides(ModuleJars.SECURE_LINE)).containsExactly(Map.entry(LINE_SPI,
                List.of("org.lle.memory.secure.line.internal.GapBufferSecretLineFactoryProvider")));
    }

    @Test
    void jnaIsRequiredByPosixAndOsgiModulesAreNeverHardRequirements() {
        for (String jarName : ModuleJars.BUNDLES) {
            ModuleDescriptor d = ModuleJars.descriptor(ModuleJars.jar(jarName));
            Set<String> hard = d.requires().stream()
                    .filter(r -> !r.modifiers().contains(Requires.Modifier.STATIC))
                    .map(Requires::name).collect(Collectors.toSet());
            assertThat(hard).as("non-static requires of %s", d.name())
                    .noneMatch(m -> m.startsWith("org.osgi") || m.startsWith("osgi."));
            if (!d.name().equals("org.lle.memory.api")) {
                assertThat(hard).as("requires of %s", d.name()).contains("org.lle.memory.api");
            }
            assertThat(hard).as("requires of %s", d.name())
                    .allMatch(m -> m.startsWith("java.") || m.startsWith("jdk.") || m.startsWith("org.lle.memory.")
                            || m.equals("com.sun.jna"));
        }
        assertThat(requires(ModuleJars.POSIX)).containsEntry("com.sun.jna", Set.of())
                // DirectAddress reads Buffer.address through sun.misc.Unsafe when its module is in the graph
                .containsEntry("jdk.unsupported", Set.of());
        assertThat(requires(ModuleJars.API).keySet()).containsExactly("java.base");
        assertThat(ModuleJars.descriptor(ModuleJars.jar(ModuleJars.JNA)).name()).isEqualTo("com.sun.jna");
    }

    @Test
    void noPackageIsInTwoJars() throws IOException {
        // issue 12: a package embedded in several bundles becomes a split package on the module path
        List<Path> jars = ModuleJars.allJars();
        assertThat(jars.stream().map(p -> p.getFileName().toString()))
                .contains(ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POOL, ModuleJars.NOOP, ModuleJars.POSIX, ModuleJars.BROKER,
                        ModuleJars.TESTKIT, ModuleJars.JNA);
        assertThat(splitPackages(jars)).isEmpty();
    }

    @Test
    void controlAJarEmbeddingAnApiPackageIsReportedAsASplitPackage(@TempDir Path dir) throws IOException {
        Path embedding = dir.resolve("embeds-api.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(embedding))) {
            out.putNextEntry(new JarEntry("org/lle/memory/secure/SecureResult.class"));
            out.write(Files.readAllBytes(ModuleJars.jar(ModuleJars.API))); // content is irrelevant to the finder
            out.closeEntry();
        }
        assertThat(splitPackages(List.of(ModuleJars.jar(ModuleJars.API), embedding)))
                .containsOnlyKeys("org.lle.memory.secure");
    }

    /** @return each package found in more than one jar, with the jars holding it */
    private static Map<String, Set<String>> splitPackages(List<Path> jars) {
        Map<String, Set<String>> holders = new TreeMap<>();
        for (Path jar : jars) {
            for (String p : ModuleJars.descriptor(jar).packages()) {
                holders.computeIfAbsent(p, k -> new TreeSet<>()).add(jar.getFileName().toString());
            }
        }
        holders.values().removeIf(h -> h.size() < 2);
        return holders;
    }

    @Test
    void theJarsResolveAndBindAsOneModuleGraphFromTheApi() {
        ModuleFinder finder = ModuleFinder.of(ModuleJars.jars(ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POOL,
                ModuleJars.NOOP, ModuleJars.POSIX, ModuleJars.BROKER, ModuleJars.SECURE_LINE, ModuleJars.JNA)
                .toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of("org.lle.memory.api"));
        // service binding alone pulls in the providers (and, through posix, JNA)
        assertThat(cf.modules().stream().map(ResolvedModule::name)).containsExactlyInAnyOrder(
                "org.lle.memory.api", "org.lle.memory.pool", "org.lle.memory.secure.noop",
                "org.lle.memory.secure.posix", "org.lle.memory.secure.line", "org.lle.memory.internal", "com.sun.jna");
    }

    @Test
    void controlWithoutJnaThePosixModuleDoesNotResolve() {
        ModuleFinder finder = ModuleFinder.of(ModuleJars.jars(ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POSIX)
                .toArray(Path[]::new));
        assertThatThrownBy(() -> ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("org.lle.memory.secure.posix")))
                .isInstanceOf(FindException.class)
                .hasMessageContaining("com.sun.jna");
    }

    private static Map<String, List<String>> provides(String jarName) {
        return ModuleJars.descriptor(ModuleJars.jar(jarName)).provides().stream()
                .collect(Collectors.toMap(Provides::service, Provides::providers));
    }

    private static Map<String, Set<Requires.Modifier>> requires(String jarName) {
        return ModuleJars.descriptor(ModuleJars.jar(jarName)).requires().stream()
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
    }
}
