package org.lle.memory.launcher.internal.host;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the launcher again in a child JVM with the options a new JDK needs to run the host without
 * warnings, and waits for it.
 *
 * <p>Felix 7.0.5 (the newest release) reads a static field through {@code sun.misc.Unsafe} when its classes
 * load, and JDK 24 and later warn about that on the console unless the JVM was started with
 * {@code --sun-misc-unsafe-memory-access=allow}; no manifest attribute can say it, and JDK 17 refuses the
 * option. So on JDK 24+ only, and only when the user did not pass the option, the launcher runs itself once
 * more with exactly that option (and native access for JNA), inheriting its standard streams, JVM options
 * and arguments, and exits with the child's exit code. JDK 17 to 23 run the host directly.
 */
public final class Relaunch {
    static final String RELAUNCHED = "lle.launcher.relaunched";
    static final String UNSAFE_OPTION = "--sun-misc-unsafe-memory-access";
    static final int FIRST_WARNING_JDK = 24;

    private Relaunch() {
    }

    /** @return whether this JVM should start the host in a child JVM instead */
    public static boolean needed() {
        return needed(Runtime.version().feature(), Boolean.getBoolean(RELAUNCHED), jvmOptions());
    }

    static boolean needed(int jdk, boolean relaunched, List<String> jvmOptions) {
        return jdk >= FIRST_WARNING_JDK && !relaunched
                && jvmOptions.stream().noneMatch(o -> o.startsWith(UNSAFE_OPTION));
    }

    /** @return the child's exit code */
    public static int run(String[] args) {
        List<String> command = command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOptions(), ownJar(), args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            System.err.println("lle-memory-launcher: cannot start the host JVM (" + e.getMessage() + ")");
            return Options.EXIT_HOST;
        }
        // Ctrl-C reaches the child too (same process group): it stops the framework and wipes; a SIGTERM
        // sent to this process alone is passed on, so the child never outlives it
        Thread forward = new Thread(() -> {
            child.destroy();
            waitFor(child);
        }, "lle-launcher-forward-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        int exit = waitFor(child);
        try {
            Runtime.getRuntime().removeShutdownHook(forward);
        } catch (IllegalStateException e) {
            // already shutting down: the hook waits for the child
        }
        return exit;
    }

    static List<String> command(String java, List<String> jvmOptions, String jar, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add(UNSAFE_OPTION + "=allow");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(jar);
        command.add("org.lle.memory.launcher.Main");
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static String ownJar() {
        try {
            return Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the launcher jar is", e);
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the host is done
            }
        }
    }
}
