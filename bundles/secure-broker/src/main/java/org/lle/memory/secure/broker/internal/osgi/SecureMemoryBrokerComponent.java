package org.lle.memory.secure.broker.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Map;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.broker.internal.DegradedMemoryPolicy;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.broker.internal.ProviderTraits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link SecureMemoryBroker} service: a {@link HotSwapBroker} behind the DS life cycle. Registered as
 * {@code SecureMemoryBroker} only (never as {@link SecureMemory}, so hosts that reference {@code SecureMemory}
 * keep getting the best raw provider and the broker never binds itself).
 *
 * <p>It references every {@code SecureMemory} (dynamic, greedy, multiple), not only the best one: a buffer the
 * best provider cannot take stays with the provider that holds it, and when a provider goes away its buffers
 * can move to any other one, so the broker must hold every registered provider's service object. A change of a
 * provider's service properties is an update (its degradation is re-read), never a rebind.
 *
 * <p>Immediate, not delayed: a delayed component is deactivated whenever its last user ungets it, and
 * deactivation wipes every buffer; the broker must live as long as its bundle. The configured policy shows as
 * the service property {@code degradedMemory} (DS publishes configuration properties), the one in effect in the
 * log and in {@link #toString()}.
 */
@Component(service = SecureMemoryBroker.class, immediate = true, configurationPid = SecureMemoryBrokerComponent.PID)
@Designate(ocd = BrokerConfiguration.class)
public final class SecureMemoryBrokerComponent implements SecureMemoryBroker {
    public static final String PID = "org.lle.memory.secure.broker";

    private static final Logger LOG = System.getLogger(SecureMemoryBrokerComponent.class.getName());

    private final HotSwapBroker broker = new HotSwapBroker();

    /** A bad value at activation is refused and the default used: the broker is never missing for a typo. */
    @Activate
    public SecureMemoryBrokerComponent(BrokerConfiguration config) {
        broker.policy(parseOr(config.degradedMemory(), DegradedMemoryPolicy.ALLOW, "the default"));
    }

    /** A bad value is refused and the policy in effect stays; a good one applies without a restart. */
    @Modified
    void modified(BrokerConfiguration config) {
        DegradedMemoryPolicy previous = broker.policy();
        broker.policy(parseOr(config.degradedMemory(), previous, "the previous policy"));
    }

    @Deactivate
    void deactivate() {
        broker.shutdown("secure memory broker stopped; buffer was wiped");
    }

    @Reference(name = "provider", service = SecureMemory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindProvider", updated = "updatedProvider")
    void bindProvider(SecureMemory provider, Map<String, Object> properties) {
        log("bound", properties);
        broker.bind(provider, ProviderTraits.of(provider, properties));
    }

    void updatedProvider(SecureMemory provider, Map<String, Object> properties) {
        log("updated", properties);
        broker.updated(provider, ProviderTraits.of(provider, properties));
    }

    void unbindProvider(SecureMemory provider, Map<String, Object> properties) {
        log("unbound", properties);
        broker.unbind(provider);
    }

    private static DegradedMemoryPolicy parseOr(String value, DegradedMemoryPolicy fallback, String fallbackName) {
        try {
            return DegradedMemoryPolicy.parse(value);
        } catch (IllegalArgumentException bad) {
            LOG.log(Level.ERROR, "configuration " + PID + " refused: " + bad.getMessage() + "; keeping "
                    + fallbackName + ", " + DegradedMemoryPolicy.ATTRIBUTE + "=" + fallback);
            return fallback;
        }
    }

    private static void log(String what, Map<String, Object> properties) {
        LOG.log(Level.DEBUG, "secure-memory provider {0} {1} (degraded={2}, ranking={3})",
                properties.get(SecureMemoryProperties.PROVIDER), what,
                properties.get(SecureMemoryProperties.DEGRADED), properties.get("service.ranking"));
    }

    @Override
    public SecureBuffer allocate(int size) {
        return broker.allocate(size);
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return broker.enableSecureMode(region);
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        return broker.disableSecureMode(region);
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return broker.secureClear(region);
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return broker.secureClear(data);
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return broker.secureClear(data);
    }

    @Override
    public int maxAllocationSize() {
        return broker.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        return broker.info();
    }

    @Override
    public boolean isAvailable() {
        return broker.isAvailable();
    }

    @Override
    public long swapCount() {
        return broker.swapCount();
    }

    @Override
    public int liveBuffers() {
        return broker.liveBuffers();
    }

    @Override
    public long movedBuffers() {
        return broker.movedBuffers();
    }

    @Override
    public long movesIntoDegraded() {
        return broker.movesIntoDegraded();
    }

    @Override
    public long movesOutOfDegraded() {
        return broker.movesOutOfDegraded();
    }

    @Override
    public long lostBuffers() {
        return broker.lostBuffers();
    }

    @Override
    public String toString() {
        return "SecureMemoryBroker[" + DegradedMemoryPolicy.ATTRIBUTE + "=" + broker.policy() + ", " + broker.info().provider() + "]";
    }
}
