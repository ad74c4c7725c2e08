package org.lle.memory.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The provider changes of {@code lle:soak}, in turn: stop and start the POSIX bundle, update and refresh it,
 * a valid configuration change (strict on, then off), an invalid one (a chunk size below the minimum, which
 * the provider must refuse while it keeps running), and disabling then enabling it by configuration.
 */
final class SoakSwaps {
    static final String POSIX_BUNDLE = "org.lle.memory.secure.posix";

    enum Kind { STOP_START, UPDATE_REFRESH, VALID_CONFIG, INVALID_CONFIG, DISABLE_ENABLE }

    private static final long INVALID_SETTLE_MS = 500;
    private static final long WAIT_SECONDS = 30;

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Map<Kind, Integer> done = new EnumMap<>(Kind.class);
    private int next;

    SoakSwaps(BundleContext context, ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    /**
     * Runs the next kind of change and waits until the POSIX provider is registered again (a new service for a
     * real change, the same one for the invalid configuration). A kind that needs Config Admin is skipped
     * when there is none.
     */
    void runNext() throws Exception {
        Kind kind = Kind.values()[next++ % Kind.values().length];
        if (configAdmin == null && kind.compareTo(Kind.VALID_CONFIG) >= 0) {
            return;
        }
        long before = posixServiceId();
        switch (kind) {
            case STOP_START -> {
                Bundle posix = posixBundle();
                posix.stop();
                posix.start();
                awaitNewPosix(before);
            }
            case UPDATE_REFRESH -> {
                Bundle posix = posixBundle();
                posix.update();
                refresh(posix);
                awaitNewPosix(before);
            }
            case VALID_CONFIG -> {
                configure("strict", true);
                long strict = awaitNewPosix(before);
                configure("strict", null);
                awaitNewPosix(strict);
            }
            case INVALID_CONFIG -> {
                configure("chunkSize", 4096);
                Thread.sleep(INVALID_SETTLE_MS); // nothing to wait for: a refused value changes nothing
                configure("chunkSize", null);
                Thread.sleep(INVALID_SETTLE_MS);
                if (posixServiceId() != before) {
                    throw new IllegalStateException("an invalid POSIX configuration (chunkSize=4096) replaced the "
                            + "provider instead of being refused");
                }
            }
            case DISABLE_ENABLE -> {
                configure("disabled", true);
                awaitNewPosix(before);
                configure("disabled", null);
                awaitNewPosix(-1);
            }
        }
        done.merge(kind, 1, Integer::sum);
    }

    /** @return the service id of the registered POSIX provider, or -1 when none is registered */
    private long posixServiceId() throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getServiceReferences(SecureMemory.class.getName(),
                "(" + SecureMemoryProperties.PROVIDER + "=posix)");
        return refs == null || refs.length == 0 ? -1 : (Long) refs[0].getProperty(Constants.SERVICE_ID);
    }

    /** Waits for a POSIX provider other than service {@code old} ({@code -1} when it was absent), or its absence. */
    private long awaitNewPosix(long old) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            long id = posixServiceId();
            if (id != old) {
                return id;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the POSIX provider did not change within " + WAIT_SECONDS + " s");
    }

    Map<Kind, Integer> done() {
        return done;
    }

    int total() {
        return done.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Leaves the configuration as it was before the soak (no POSIX configuration) and the bundle active. */
    void restore() throws Exception {
        if (configAdmin != null) {
            Configuration c = configAdmin.getConfiguration(Doctor.POSIX_PID, "?");
            if (c.getProperties() != null) {
                c.delete();
            }
        }
        Bundle posix = posixBundle();
        if (posix.getState() != Bundle.ACTIVE) {
            posix.start();
        }
    }

    private Bundle posixBundle() {
        for (Bundle b : context.getBundles()) {
            if (POSIX_BUNDLE.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("bundle " + POSIX_BUNDLE + " is not installed");
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not finish refreshing " + POSIX_BUNDLE + " in 30 s");
        }
    }

    /** Sets ({@code value != null}) or removes one property of the POSIX configuration. */
    private void configure(String key, Object value) {
        try {
            Configuration c = configAdmin.getConfiguration(Doctor.POSIX_PID, "?");
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            if (value == null) {
                props.remove(key);
            } else {
                props.put(key, value);
            }
            c.update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update configuration " + Doctor.POSIX_PID, e);
        }
    }
}
