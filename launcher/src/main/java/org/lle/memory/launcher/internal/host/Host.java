package org.lle.memory.launcher.internal.host;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The launcher's life: start Felix, install and start the bundles, wait for the services, print the
 * status, then either run the batch demo or hand the console to the Gogo shell.
 */
public final class Host {
    static final String GOGO_SHELL = "org.apache.felix.gogo.shell";
    /** The framework property that turns lle-memory-shell's demonstration commands on. */
    static final String DEMO_COMMANDS = "lle.shell.demo";

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    public Host(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** @return the process exit code ({@link Options}{@code .EXIT_*}) */
    public int run() {
        List<String> locations;
        EmbeddedFelix felix;
        try {
            Path dir = options.bundleDir() != null ? options.bundleDir() : BundleLocations.defaultBundleDir();
            locations = BundleLocations.of(dir);
            felix = EmbeddedFelix.start(frameworkProperties());
        } catch (BundleException | RuntimeException e) {
            err.println("lle-memory-launcher: cannot start the host: " + e.getMessage());
            return Options.EXIT_HOST;
        }
        Thread hook = new Thread(felix::close, "lle-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runHosted(felix, locations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Options.EXIT_HOST;
        } finally {
            felix.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs (and finds the framework closed)
            }
        }
    }

    private Map<String, String> frameworkProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        if (options.posixDisabled()) {
            props.put("lle.secure.posix.disabled", "true");
        }
        // the demonstration commands (lle:swap, lle:memfd, lle:soak) of lle-memory-shell, off in other hosts
        props.put(DEMO_COMMANDS, "true");
        // The shell bundle only registers its commands and runs its profile: no console of its own, no banner,
        // and it never stops the framework. The interactive console is the host's (see interactive()).
        props.put("gosh.args", "--nointeractive --noshutdown --quiet");
        return props;
    }

    private int runHosted(EmbeddedFelix felix, List<String> locations) throws InterruptedException {
        List<Bundle> bundles = felix.install(locations);
        Bundle shell = bundles.stream().filter(b -> GOGO_SHELL.equals(b.getSymbolicName())).findFirst().orElse(null);
        if (options.batch() && shell != null) {
            // a batch run has no interactive console: without the bundle the host reports every bundle active
            uninstall(shell);
            bundles = bundles.stream().filter(b -> b != shell).toList();
        }
        felix.startAll(bundles);
        HostReadiness readiness = HostReadiness.await(felix.context(), options.timeoutSeconds() * 1000L);
        felix.problems().forEach(p -> err.println("lle-memory-launcher: " + p));
        if (!readiness.commandsReady()) {
            err.println("lle-memory-launcher: the shell commands never appeared: " + readiness.missing());
            readiness.describeBundles(err);
            return Options.EXIT_HOST;
        }
        // Gogo replaces System.in/out/err with per-thread redirectors; a session over them would read from
        // itself, so it gets the process's own standard input (out and err were captured before the start).
        try (GogoSession session = GogoSession.open(felix.context(), new FileInputStream(FileDescriptor.in), out, err)) {
            boolean memfdOk = !options.memfdSecret() || run(session, "lle:memfd on", true);
            boolean statusOk = run(session, "lle:status", options.memfdSecret()) && memfdOk;
            if (!readiness.servicesReady()) {
                err.println("lle-memory-launcher: services missing: " + readiness.missing());
                readiness.describeBundles(err);
            }
            if (options.strict() && readiness.selectedProviderDegraded()) {
                err.println("lle-memory-launcher: --strict: the selected secure-memory provider is degraded");
                return Options.EXIT_DEGRADED;
            }
            if (options.batch()) {
                // every command runs even after a failure, so one run shows everything that is wrong
                boolean allOk = BatchDemo.commands(options).stream()
                        .map(c -> run(session, c, true))
                        .reduce(statusOk, Boolean::logicalAnd);
                return !readiness.servicesReady() ? Options.EXIT_HOST : allOk ? Options.EXIT_OK : Options.EXIT_FAILED;
            }
        }
        return shell == null ? noShell() : interactive(felix);
    }

    private int noShell() {
        err.println("lle-memory-launcher: " + GOGO_SHELL + " is not installed: no interactive shell");
        return Options.EXIT_HOST;
    }

    /**
     * The Gogo console ({@code gosh --login}: the shell bundle's profile, prompt and line reading) in a session of
     * the host's, over an input that the {@code exit} command can end. When the console returns (end of input or
     * {@code exit}) it stops the framework; this thread waits for the framework to stop, however that comes about
     * (also a command stopping bundle 0, or SIGTERM through the shutdown hook).
     */
    private int interactive(EmbeddedFelix felix) throws InterruptedException {
        out.println();
        out.println("Gogo shell: try lle:status, lle:doctor, lle:pools, lle:secret, lle:swap, 'help lle:swap'.");
        out.println("Leave with Ctrl-D or 'exit 0' (the framework stops and every secure buffer is wiped).");
        ConsoleInput input = new ConsoleInput();
        ShellExit exit = new ShellExit(input);
        exit.register(felix.context());
        Thread console = new Thread(() -> runConsole(felix, input), "lle-console");
        // a console still reading when the framework stops from elsewhere must not keep the process alive
        console.setDaemon(true);
        console.start();
        felix.awaitStop();
        return exit.code();
    }

    private void runConsole(EmbeddedFelix felix, ConsoleInput input) {
        try (GogoSession session = GogoSession.open(felix.context(), input, out, err)) {
            session.execute("gosh --login --noshutdown");
        } catch (Exception e) {
            if (felix.isActive()) { // a framework stopping under the console ends it this way: nothing to say
                err.println("lle-memory-launcher: the shell ended: " + e);
            }
        } finally {
            felix.stopAsync();
        }
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            err.println("lle-memory-launcher: cannot uninstall " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
    }

    /** Runs one command, echoing it like a shell would; prints a failure instead of throwing. */
    private boolean run(GogoSession session, String command, boolean echo) {
        if (echo) {
            out.println();
            out.println("g! " + command);
        }
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result));
            }
            out.flush();
            return true;
        } catch (Exception e) {
            out.flush();
            err.println(command + " FAILED: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (e.getMessage() == null || e instanceof NullPointerException) {
                e.printStackTrace(err);
            }
            return false;
        }
    }
}
