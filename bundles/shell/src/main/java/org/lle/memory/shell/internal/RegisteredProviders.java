package org.lle.memory.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** The SecureMemory providers registered now, ordered the way OSGi picks them (ranking, then service id). */
public final class RegisteredProviders {

    /** Service property of the POSIX provider: whether it was set up to use memfd_secret. */
    static final String POSIX_MEMFD_SECRET = "lle.secure.posix.memfdSecret";

    /**
     * One registered provider with the properties a host filters on.
     *
     * @param memfdSecretProperty the POSIX provider's memfd_secret setting, {@code null} for other providers
     */
    record Provider(String name, int ranking, long serviceId, Bundle bundle, SecureMemory memory,
            boolean degradedProperty, Boolean memfdSecretProperty) {

        String describe() {
            return name + " (ranking " + ranking + ", bundle " + bundle.getSymbolicName() + " "
                    + bundle.getVersion() + ", service " + serviceId + ")";
        }
    }

    /** Highest ranking first; on a tie the older service (lower id) wins, as in OSGi. */
    static final Comparator<Provider> SELECTION = Comparator.comparingInt(Provider::ranking).reversed()
            .thenComparingLong(Provider::serviceId);

    private final Map<Long, Provider> providers = new ConcurrentHashMap<>();

    /** Records a provider; the broker (also a SecureMemory) is skipped: it delegates to one of them. */
    public void addUnlessBroker(ServiceReference<?> ref, SecureMemory memory) {
        if (!(memory instanceof SecureMemoryBroker)) {
            add(ref, memory);
        }
    }

    void add(ServiceReference<?> ref, SecureMemory memory) {
        Provider p = new Provider(String.valueOf(ref.getProperty(SecureMemoryProperties.PROVIDER)),
                intProperty(ref.getProperty(Constants.SERVICE_RANKING)),
                ((Number) ref.getProperty(Constants.SERVICE_ID)).longValue(), ref.getBundle(), memory,
                Boolean.parseBoolean(String.valueOf(ref.getProperty(SecureMemoryProperties.DEGRADED))),
                ref.getProperty(POSIX_MEMFD_SECRET) instanceof Boolean b ? b : null);
        providers.put(p.serviceId(), p);
    }

    public void remove(ServiceReference<?> ref) {
        providers.remove(((Number) ref.getProperty(Constants.SERVICE_ID)).longValue());
    }

    /** @return the provider a plain {@code @Reference SecureMemory} binds now */
    Optional<Provider> selected() {
        return all().stream().findFirst();
    }

    /** @return all providers, best first */
    List<Provider> all() {
        List<Provider> list = new ArrayList<>(providers.values());
        list.sort(SELECTION);
        return list;
    }

    private static int intProperty(Object value) {
        return value instanceof Integer i ? i : 0;
    }
}
