package org.lle.memory.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryInfo;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code lle:memfd on|off}: the fix {@code lle:doctor} proposes for memfd_secret, applied through Config Admin.
 * The POSIX provider re-registers with the new setting; the broker moves its buffers across meanwhile.
 */
final class MemfdCommand {
    static final String PROPERTY = "memfdSecret";
    private static final long WAIT_MS = 10_000;

    private final ConfigurationAdmin configAdmin;
    private final RegisteredProviders providers;

    MemfdCommand(ConfigurationAdmin configAdmin, RegisteredProviders providers) {
        this.configAdmin = configAdmin;
        this.providers = providers;
    }

    void run(String state, PrintStream out) {
        boolean on = parse(state);
        if (configAdmin == null) {
            throw new IllegalStateException("no ConfigurationAdmin service (is org.apache.felix.configadmin active?)");
        }
        try {
            // "?" binds the configuration to whichever bundle asks for the PID: the POSIX provider's bundle
            Configuration c = configAdmin.getConfiguration(Doctor.POSIX_PID, "?");
            Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
            props.put(PROPERTY, on);
            c.update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update configuration " + Doctor.POSIX_PID, e);
        }
        out.println("configuration " + Doctor.POSIX_PID + ": " + PROPERTY + "=" + on);
        SecureMemoryInfo info = awaitProvider(on);
        if (info == null) {
            out.println("the posix provider did not come back with " + PROPERTY + "=" + on + " within " + WAIT_MS
                    + " ms (lle:status shows what is selected now)");
            return;
        }
        out.println("posix provider now: capabilities " + StatusReport.capabilities(info)
                + (on && !info.has(SecureCapability.MEMFD_SECRET)
                        ? "; memfd_secret is NOT among them: the kernel refused it (see lle:doctor)" : ""));
    }

    static boolean parse(String state) {
        return switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("lle:memfd takes on or off, got '" + state + "'");
        };
    }

    /** Waits for the POSIX provider registered with the new setting (its service property says which). */
    private SecureMemoryInfo awaitProvider(boolean on) {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (RegisteredProviders.Provider p : providers.all()) {
                if (p.name().equals("posix") && Boolean.valueOf(on).equals(p.memfdSecretProperty())) {
                    return p.memory().info();
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
