package org.lle.memory.secure.broker.internal;

import java.util.Map;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;

/**
 * What the broker needs to know of a registered provider besides the object: where it stands in the order
 * (ranking, then service id, as OSGi picks services) and whether it is degraded.
 *
 * <p>Degraded is the {@value SecureMemoryProperties#DEGRADED} service property when the provider has one (what a
 * host's filter sees; providers keep it current and the broker re-reads it on every property update), else the
 * provider's {@code info().degraded()} when it is bound. It is not re-read from {@code info()} on every move: a
 * POSIX provider that could not lock one chunk reports that in {@code info()}, but its memory stays what it was.
 *
 * @param ranking   higher is better
 * @param serviceId on equal ranking the lower (older) one is better
 * @param degraded  whether the provider's memory is degraded
 */
public record ProviderTraits(int ranking, long serviceId, boolean degraded) {

    /** @return the traits of an OSGi service from its properties */
    public static ProviderTraits of(SecureMemory provider, Map<String, ?> properties) {
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        Object degraded = properties.get(SecureMemoryProperties.DEGRADED);
        return new ProviderTraits(ranking instanceof Integer i ? i : 0, id instanceof Number n ? n.longValue() : 0,
                degraded == null ? infoSaysDegraded(provider) : Boolean.parseBoolean(String.valueOf(degraded)));
    }

    static boolean infoSaysDegraded(SecureMemory provider) {
        try {
            return provider.info().degraded();
        } catch (RuntimeException e) {
            return true; // a provider that cannot say what it is gets no benefit of the doubt
        }
    }

    /** @return whether these traits rank before {@code other} */
    boolean before(ProviderTraits other) {
        return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
    }
}
