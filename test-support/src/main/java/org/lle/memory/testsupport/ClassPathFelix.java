package org.lle.memory.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real OSGi framework (whichever {@link FrameworkFactory} the test class path has: Felix) for a bundle's
 * own integration tests: a clean storage directory, the API packages exported by the system bundle (so the
 * services are the types the test sees), runtime bundles installed from jars on the test class path, and the
 * bundle under test from the jar the build packaged. Stopped on {@link #close()}.
 */
public final class ClassPathFelix implements AutoCloseable {
    /** The secure-memory API packages, for {@link #start} (the POSIX bundle imports the secret-line API for its prompt). */
    public static final String SECURE_API = "org.lle.memory.secure;version=1.0.0,org.lle.memory.secure.spi;version=1.0.0,"
            + "org.lle.memory.secure.line;version=1.0.0";
    private static final long STOP_TIMEOUT_MS = 20_000;

    private final Framework framework;

    private ClassPathFelix(Framework framework) {
        this.framework = framework;
    }

    /**
     * @param storage an empty directory for the framework's cache
     * @param systemPackagesExtra packages the system bundle exports from the test class path
     */
    public static ClassPathFelix start(Path storage, String systemPackagesExtra) throws BundleException {
        return start(storage, Map.of(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra));
    }

    /**
     * @param storage an empty directory for the framework's cache
     * @param properties framework properties besides the storage ones
     */
    public static ClassPathFelix start(Path storage, Map<String, String> properties) throws BundleException {
        Map<String, String> config = new HashMap<>(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        return new ClassPathFelix(framework);
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs, in order, the first jar on the test class path whose name has each of {@code nameParts}. */
    public List<Bundle> installFromClassPath(String... nameParts) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (String name : nameParts) {
            bundles.add(context().installBundle(jarOnClassPath(name).toURI().toString()));
        }
        return bundles;
    }

    /** Installs the jar named by system property {@code property} (set by the build to the packaged bundle). */
    public Bundle installBuilt(String property) throws BundleException {
        String jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException("system property " + property + " (the packaged bundle, set by failsafe) is missing");
        }
        return context().installBundle(new File(jar).toURI().toString());
    }

    /** Starts each bundle that is not a fragment. */
    public static void startAll(List<Bundle> bundles) throws BundleException {
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    /** @return the first jar on the test class path whose file name starts with or contains {@code namePart} */
    public static File jarOnClassPath(String namePart) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .filter(f -> f.getName().startsWith(namePart) || f.getName().contains(namePart))
                .filter(f -> f.getName().endsWith(".jar") && Files.isRegularFile(f.toPath()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + namePart + "*.jar on the test class path"));
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(STOP_TIMEOUT_MS);
    }
}
