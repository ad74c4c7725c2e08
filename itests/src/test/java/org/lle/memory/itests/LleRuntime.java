package org.lle.memory.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.File;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The Pax Exam provisioning shared by every itest: each bundle is a file in target/bundles (copied there by
 * maven-dependency-plugin from the reactor / local repository), installed with a file: URL.
 */
final class LleRuntime {
    /** Where the pom's failsafe configuration says the bundles are; the fallback serves an IDE run. */
    private static final File BUNDLES = new File(System.getProperty("lle.itest.bundles", "target/bundles"));

    private LleRuntime() {
    }

    /** @return a file: URL of a bundle copied into target/bundles (artifactId.jar, version stripped) */
    static String bundleUrl(String artifactId) {
        File file = new File(BUNDLES, artifactId + ".jar");
        if (!file.isFile()) {
            throw new IllegalStateException("missing itest bundle " + file.getAbsolutePath()
                    + ": run the build through Maven (pre-integration-test copies it)");
        }
        return file.toURI().toString();
    }

    /** @return the bundle of one artifact, started */
    static UrlProvisionOption fromBundles(String artifactId) {
        return bundle(bundleUrl(artifactId));
    }

    /** Pax Exam's own bundles inside the framework (the probe runs JUnit 4 through them). */
    static Option harness() {
        return composite(
                cleanCaches(true),
                systemTimeout(30_000),
                frameworkStartLevel(20),
                // pax-logging-api without a backend prints to stdout; keep it to warnings
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                fromBundles("pax-logging-api").startLevel(1),
                fromBundles("ops4j-base").startLevel(2),
                fromBundles("pax-swissbox-core").startLevel(2),
                fromBundles("pax-swissbox-extender").startLevel(2),
                fromBundles("pax-swissbox-framework").startLevel(2),
                fromBundles("pax-swissbox-lifecycle").startLevel(2),
                fromBundles("pax-swissbox-tracker").startLevel(2),
                fromBundles("jakarta.inject-api").startLevel(2),
                fromBundles("pax-exam").startLevel(3),
                fromBundles("pax-exam-inject").startLevel(3),
                fromBundles("pax-exam-extender-service").startLevel(3),
                fromBundles("org.apache.servicemix.bundles.hamcrest").startLevel(3),
                fromBundles("org.apache.servicemix.bundles.junit").startLevel(3),
                fromBundles("pax-exam-invoker-junit").startLevel(3));
    }

    /** Felix SCR with its API bundles, Config Admin and Metatype. */
    static Option serviceRuntime() {
        return composite(
                fromBundles("org.osgi.util.function").startLevel(4),
                fromBundles("org.osgi.util.promise").startLevel(4),
                fromBundles("org.osgi.service.component").startLevel(4),
                fromBundles("org.apache.felix.configadmin").startLevel(4),
                fromBundles("org.apache.felix.metatype").startLevel(4),
                fromBundles("org.apache.felix.scr").startLevel(4));
    }

    /** JNA, which ships its native dispatch library inside the bundle (Bundle-NativeCode). */
    static Option jna() {
        return fromBundles("jna").startLevel(5);
    }

    static Option api() {
        return fromBundles("lle-memory-api").startLevel(6);
    }

    /** The code the lle bundles share (wipe, padding, /proc, the close wait), exported to them only: wherever pool, noop or posix go. */
    static Option internal() {
        return fromBundles("lle-memory-internal").startLevel(6);
    }

    static Option pool() {
        return fromBundles("lle-memory-pool").startLevel(7);
    }

    static Option noop() {
        return fromBundles("lle-memory-secure-noop").startLevel(7);
    }

    static Option posix() {
        return fromBundles("lle-memory-secure-posix").startLevel(7);
    }

    static Option broker() {
        return fromBundles("lle-memory-secure-broker").startLevel(8);
    }

    /** The secret-line bundle (its SecretLineFactory service binds the broker, or the best provider). */
    static Option secureLine() {
        return fromBundles("lle-memory-secure-line").startLevel(8);
    }

    /** The project's test helpers (org.lle.memory.testsupport), for test code that reads /proc inside the framework. */
    static Option testSupport() {
        return fromBundles("lle-memory-test-support").startLevel(3);
    }

    /** The example host of docs/host-integration.md (module examples/host). */
    static Option exampleHost() {
        return fromBundles("lle-memory-example-host").startLevel(9);
    }

    /** Everything: both providers, the broker, the pool and the example host. */
    static Option fullRuntime() {
        return composite(harness(), serviceRuntime(), jna(), api(), internal(), pool(), noop(), posix(), broker(),
                exampleHost());
    }
}
