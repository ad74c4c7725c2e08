package org.lle.memory.itests.jpms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * A small modular application (src/test/app: {@code module app { requires org.lle.memory.api; }}) compiled
 * against the API jar and started in a child JVM on the module path with the packaged jars, as a user would:
 * {@code java --enable-native-access=com.sun.jna --module-path api:internal:pool:noop:posix:jna:app --module app/app.Main}.
 * The child is the JDK running the tests (17 in the default build, 25 in the JDK 25 run of {@code .ci/run}).
 */
class ModulePathApplicationIT {
    private static final long CHILD_DEADLINE_SECONDS = 60;
    private static Path appClasses;

    @BeforeAll
    static void compileTheApplication() throws IOException {
        Path sources = Path.of(System.getProperty("lle.jpms.app.sources"));
        appClasses = Path.of(System.getProperty("lle.jpms.work")).resolve("classes");
        Files.createDirectories(appClasses);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(diagnostics, fm, null,
                    List.of("--release", "17", "-Xlint:all", "-Werror",
                            "--module-path", ModuleJars.jar(ModuleJars.API).toString(),
                            "-d", appClasses.toString()),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("javac of the app: %s", diagnostics).isTrue();
        }
    }

    @Test
    void theAppGetsPoolsAndALockedPosixBufferThroughTheModuleLayer() throws Exception {
        Run run = runApp(List.of("--enable-native-access=com.sun.jna"), ModuleJars.API, ModuleJars.INTERNAL,
                ModuleJars.POOL, ModuleJars.NOOP, ModuleJars.POSIX, ModuleJars.JNA);
        assertThat(run.exitCode).as("exit code; %s", run).isZero();
        assertThat(run.values()).as("%s", run)
                .containsEntry("api.module", "org.lle.memory.api")
                .containsEntry("pool.module", "org.lle.memory.pool")
                .containsEntry("pool.read", "42")
                .containsEntry("pool.liveBlocks", "0")
                .containsEntry("secure.provider", "posix")
                .containsEntry("secure.module", "org.lle.memory.secure.posix")
                .containsEntry("secure.locked", "true")
                .containsEntry("secure.read", "correct horse battery staple")
                .containsEntry("secure.closed", "true");
        // on JDK 24+ the child runs with --illegal-native-access=deny: the one flag is all native access needs
        assertThat(run.stderr).as("the child's stderr (warnings)").isEmpty();
    }

    @Test
    void controlWithoutThePosixJarDetectionFallsBackToTheNoopModule() throws Exception {
        Run run = runApp(List.of(), ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POOL, ModuleJars.NOOP);
        assertThat(run.exitCode).as("exit code; %s", run).isZero();
        assertThat(run.values()).as("%s", run)
                .containsEntry("pool.module", "org.lle.memory.pool")
                .containsEntry("secure.provider", "noop")
                .containsEntry("secure.module", "org.lle.memory.secure.noop")
                .containsEntry("secure.locked", "false")
                .containsEntry("secure.read", "correct horse battery staple")
                .containsEntry("secure.closed", "true");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_24)
    void withoutNativeAccessForJnaADenyingJdkLeavesOnlyTheNoopProvider() throws Exception {
        // what --enable-native-access=com.sun.jna is for: once the JDK denies (the announced default),
        // JNA cannot load its library and POSIX detection fails (degraded to noop, no crash)
        Run run = runApp(List.of(), ModuleJars.API, ModuleJars.INTERNAL, ModuleJars.POOL, ModuleJars.NOOP,
                ModuleJars.POSIX, ModuleJars.JNA);
        assertThat(run.exitCode).as("exit code; %s", run).isZero();
        assertThat(run.values()).as("%s", run).containsEntry("secure.provider", "noop");
    }

    private static Run runApp(List<String> options, String... jars) throws IOException, InterruptedException {
        List<Path> modulePath = new ArrayList<>(ModuleJars.jars(jars));
        modulePath.add(appClasses);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        if (Runtime.version().feature() >= 24) {
            command.add("--illegal-native-access=deny");
        }
        command.addAll(options);
        command.addAll(List.of("--module-path", ModuleJars.modulePath(modulePath), "--module", "app/app.Main"));
        Path work = Path.of(System.getProperty("lle.jpms.work"));
        Path out = Files.createTempFile(work, "app", ".out");
        Path err = Files.createTempFile(work, "app", ".err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the app did not end within " + CHILD_DEADLINE_SECONDS + " s: " + command);
        }
        return new Run(command, child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static final class Run {
        final List<String> command;
        final int exitCode;
        final String stdout;
        final String stderr;

        Run(List<String> command, int exitCode, String stdout, String stderr) {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            stdout.lines().filter(l -> l.contains("=")).forEach(l -> {
                int eq = l.indexOf('=');
                values.put(l.substring(0, eq), l.substring(eq + 1));
            });
            return values;
        }

        @Override
        public String toString() {
            return "command " + String.join(" ", command) + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }
}
