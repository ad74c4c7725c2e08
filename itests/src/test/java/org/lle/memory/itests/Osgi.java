package org.lle.memory.itests;

import static org.junit.Assert.assertNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/** Small framework helpers the itests share; all waits are bounded and fail with what was awaited. */
final class Osgi {
    static final long TIMEOUT_MS = 20_000;

    private Osgi() {
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed; have "
                + Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).collect(Collectors.toList()));
    }

    /** @return the symbolic names of the bundles whose packages {@code bundle} is wired to */
    static Set<String> packageProviders(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        assertNotNull(bundle.getSymbolicName() + " is not resolved", wiring);
        Set<String> providers = new TreeSet<>();
        for (BundleWire wire : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            providers.add(wire.getProvider().getSymbolicName());
        }
        return providers;
    }

    /** @return the packages a bundle exports */
    static Set<String> exportedPackages(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(c -> String.valueOf(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * @return the service of the best reference matching, waiting for it; got through the probe's own context
     *         and never released, so a per-bundle service (Config Admin) stays usable for the whole test
     */
    static <T> T await(BundleContext context, Class<T> type, String filter) {
        ServiceTracker<T, T> tracker = tracker(context, type, filter);
        try {
            assertNotNull("no " + type.getSimpleName() + " matching " + filter + " within " + TIMEOUT_MS + " ms",
                    tracker.waitForService(TIMEOUT_MS));
            T service = context.getService(tracker.getServiceReference());
            assertNotNull(type.getSimpleName() + " went away while being fetched", service);
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** @return the references matching now, best first (ranking, then id) */
    static <T> List<ServiceReference<T>> references(BundleContext context, Class<T> type, String filter) {
        try {
            return context.getServiceReferences(type, filter).stream().sorted((a, b) -> b.compareTo(a))
                    .collect(Collectors.toList());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT_MS + " ms waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Refreshes {@code bundle} (and its dependents) and waits for the framework to finish. */
    static void refresh(BundleContext context, Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("refresh of " + bundle.getSymbolicName() + " did not finish");
        }
    }

    private static <T> ServiceTracker<T, T> tracker(BundleContext context, Class<T> type, String filter) {
        try {
            String full = filter == null
                    ? "(objectClass=" + type.getName() + ")"
                    : "(&(objectClass=" + type.getName() + ")" + filter + ")";
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(full), null);
            tracker.open();
            return tracker;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
