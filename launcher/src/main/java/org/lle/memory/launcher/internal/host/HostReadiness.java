package org.lle.memory.launcher.internal.host;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Waits until the host is usable: the lle commands and the Gogo processor are registered, the lle services
 * are there, and service registrations have stopped changing for a moment (a provider whose start-time
 * probe passes registers a little after its bundle starts). Works on class names only: the launcher cannot
 * see the API classes of the bundles.
 */
final class HostReadiness {
    /** One function of each lle-memory-shell component: the main commands and the demonstrations. */
    static final List<String> COMMANDS = List.of("(&(osgi.command.scope=lle)(osgi.command.function=status))",
            "(&(osgi.command.scope=lle)(osgi.command.function=swap))");
    static final String SECURE_MEMORY = "org.lle.memory.secure.SecureMemory";
    /**
     * The secret prompt (POSIX bundle) is not among them: where that bundle cannot run, lle:secret falls back to
     * the JDK console, and the host is still usable.
     */
    static final List<String> SERVICES = List.of(SECURE_MEMORY, "org.lle.memory.secure.SecureMemoryBroker",
            "org.lle.memory.pool.MemoryPoolSystem", "org.lle.memory.secure.line.SecretLineFactory");
    private static final long QUIET_MS = 300;
    private static final long POLL_MS = 25;

    private final BundleContext context;
    private final List<String> missing;

    private HostReadiness(BundleContext context, List<String> missing) {
        this.context = context;
        this.missing = missing;
    }

    static HostReadiness await(BundleContext context, long timeoutMs) throws InterruptedException {
        AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        ServiceListener listener = e -> lastEvent.set(System.nanoTime());
        context.addServiceListener(listener);
        try {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            List<String> missing = missing(context);
            while (System.nanoTime() < deadline) {
                long quietNs = System.nanoTime() - lastEvent.get();
                if (missing.isEmpty() && quietNs >= QUIET_MS * 1_000_000) {
                    break;
                }
                Thread.sleep(POLL_MS);
                missing = missing(context);
            }
            return new HostReadiness(context, missing);
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private static List<String> missing(BundleContext context) {
        List<String> missing = new ArrayList<>();
        for (String commands : COMMANDS) {
            if (references(context, null, commands).isEmpty()) {
                missing.add("lle shell commands " + commands);
            }
        }
        if (references(context, GogoSession.PROCESSOR, null).isEmpty()) {
            missing.add(GogoSession.PROCESSOR);
        }
        for (String service : SERVICES) {
            if (references(context, service, null).isEmpty()) {
                missing.add(service);
            }
        }
        return missing;
    }

    private static List<ServiceReference<?>> references(BundleContext context, String clazz, String filter) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(clazz, filter);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** @return whether the commands can run */
    boolean commandsReady() {
        return missing.stream().noneMatch(m -> m.startsWith("lle shell") || m.equals(GogoSession.PROCESSOR));
    }

    /** @return whether every lle service is registered */
    boolean servicesReady() {
        return missing.isEmpty();
    }

    List<String> missing() {
        return missing;
    }

    /** @return whether the highest-ranking provider says it is degraded (or none is there) */
    boolean selectedProviderDegraded() {
        ServiceReference<?> top = references(context, SECURE_MEMORY, "(lle.secure.provider=*)").stream()
                .max(ServiceReference::compareTo).orElse(null);
        return top == null || !Boolean.FALSE.equals(asBoolean(top.getProperty("lle.secure.degraded")));
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null ? null : Boolean.valueOf(value.toString());
    }

    /** Prints every bundle that is not active, so a missing service can be traced to its bundle. */
    void describeBundles(PrintStream err) {
        for (Bundle b : context.getBundles()) {
            // the shell is started only in interactive mode, after the status
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null
                    && !Host.GOGO_SHELL.equals(b.getSymbolicName())) {
                err.println("  bundle " + b.getSymbolicName() + " " + b.getVersion() + " is " + state(b.getState()));
            }
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved: a requirement is missing)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "in state " + state;
        };
    }
}
