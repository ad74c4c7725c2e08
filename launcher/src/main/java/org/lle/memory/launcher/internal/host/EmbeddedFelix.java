package org.lle.memory.launcher.internal.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One Apache Felix instance with a private cache directory that is created empty and deleted on
 * {@link #close()}, so every start is clean.
 */
final class EmbeddedFelix implements AutoCloseable {
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Framework framework;
    private final Path cacheDir;
    private final List<String> problems = new ArrayList<>();
    private boolean closed;

    private EmbeddedFelix(Framework framework, Path cacheDir) {
        this.framework = framework;
        this.cacheDir = cacheDir;
    }

    /** Creates and starts the framework (the system bundle only). */
    static EmbeddedFelix start(Map<String, String> extraProperties) throws BundleException {
        Path cache;
        try {
            cache = Files.createTempDirectory("lle-felix-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Felix cache directory", e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.log.level", "1");
        props.putAll(extraProperties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no OSGi framework on the class path: lib/org.apache.felix.framework.jar is missing"));
        Framework fw = factory.newFramework(props);
        EmbeddedFelix felix = new EmbeddedFelix(fw, cache);
        try {
            fw.start();
        } catch (BundleException | RuntimeException e) {
            felix.close();
            throw e;
        }
        return felix;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Framework framework() {
        return framework;
    }

    /** Installs every location; a location that cannot be installed is recorded, not fatal. */
    List<Bundle> install(List<String> locations) {
        List<Bundle> installed = new ArrayList<>();
        for (String location : locations) {
            try {
                installed.add(context().installBundle(location));
            } catch (BundleException | RuntimeException e) {
                problems.add("cannot install " + location + ": " + e.getMessage());
            }
        }
        return installed;
    }

    /** Starts each bundle that is not a fragment; a failure is recorded with its reason and not fatal. */
    void startAll(List<Bundle> bundles) {
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException | RuntimeException e) {
                problems.add("cannot start " + b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
            }
        }
    }

    /** @return bundles that failed to install or start, each with the framework's reason */
    List<String> problems() {
        return problems;
    }

    /** Blocks until the framework stops (from the shell's exit, a command or {@link #close()}). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** @return whether the framework is running, not stopping or stopped */
    boolean isActive() {
        return framework.getState() == Bundle.ACTIVE;
    }

    /** Starts stopping the framework and returns at once; {@link #awaitStop()} waits for the end. */
    void stopAsync() {
        try {
            framework.stop();
        } catch (BundleException | IllegalStateException e) {
            System.err.println("lle-memory-launcher: stopping the framework failed: " + e.getMessage());
        }
    }

    /** Stops the framework (every bundle: buffers get wiped by their providers) and deletes the cache. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                framework.stop();
            }
            FrameworkEvent ev = framework.waitForStop(STOP_TIMEOUT_MS);
            if (ev.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("lle-memory-launcher: the framework did not stop within " + STOP_TIMEOUT_MS + " ms");
            }
        } catch (BundleException e) {
            System.err.println("lle-memory-launcher: stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(cacheDir);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("lle-memory-launcher: could not delete " + root + ": " + e.getMessage());
        }
    }
}
