package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The secure-memory providers as a host sees them: service references, their properties, their bundles. */
final class Providers {
    static final String POSIX_BUNDLE = "org.lle.memory.secure.posix";
    static final String NOOP_BUNDLE = "org.lle.memory.secure.noop";
    static final String POSIX_PID = "org.lle.memory.secure.posix";
    static final String NOT_DEGRADED = "(" + SecureMemoryProperties.DEGRADED + "=false)";

    private Providers() {
    }

    /** @return the provider name of every registered SecureMemory, best first */
    static List<String> registered(BundleContext context, String filter) {
        return Osgi.references(context, SecureMemory.class, filter).stream()
                .map(r -> String.valueOf(r.getProperty(SecureMemoryProperties.PROVIDER)))
                .collect(Collectors.toList());
    }

    /** @return the provider name of the reference a plain {@code @Reference SecureMemory} binds (highest ranking) */
    static String best(BundleContext context) {
        ServiceReference<SecureMemory> ref = context.getServiceReference(SecureMemory.class);
        return ref == null ? "none" : String.valueOf(ref.getProperty(SecureMemoryProperties.PROVIDER));
    }

    static void awaitBest(BundleContext context, String provider) {
        Osgi.waitUntil("the best SecureMemory is " + provider + " (is " + best(context) + ")",
                () -> provider.equals(best(context)));
    }

    static Bundle posix(BundleContext context) {
        return Osgi.bundle(context, POSIX_BUNDLE);
    }

    /** Sets {@code disabled} in the POSIX provider's configuration. */
    static void configurePosixDisabled(BundleContext context, boolean disabled) throws Exception {
        Configuration config = configAdmin(context).getConfiguration(POSIX_PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("disabled", disabled);
        config.update(props);
    }

    static void deletePosixConfiguration(BundleContext context) throws Exception {
        configAdmin(context).getConfiguration(POSIX_PID, "?").delete();
    }

    static ConfigurationAdmin configAdmin(BundleContext context) {
        return Osgi.await(context, ConfigurationAdmin.class, null);
    }

    static void assertProviderProperty(ServiceReference<?> ref, String key, Object expected) {
        assertEquals(key + " of " + ref, expected, ref.getProperty(key));
    }
}
