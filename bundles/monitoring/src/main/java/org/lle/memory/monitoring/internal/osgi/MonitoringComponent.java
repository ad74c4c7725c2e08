package org.lle.memory.monitoring.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.lle.memory.monitoring.LleMBeans;
import org.lle.memory.monitoring.internal.MBeanGroup;
import org.lle.memory.monitoring.internal.MemoryStateEvents;
import org.lle.memory.monitoring.internal.PoolBeans;
import org.lle.memory.monitoring.internal.SecureMemoryBeans;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the lle-memory MXBeans on the platform MBean server while the services run: the pool system's
 * beans while a {@link MemoryPoolSystem} is bound, the broker's while a {@link SecureMemoryBroker} is, and one
 * per registered {@link SecureMemory} provider. Each goes when its service goes, all go on deactivation
 * (the bundle stopping). Every reference is optional and dynamic, so the component runs with whatever is there.
 *
 * <p>A name some other owner holds already (e.g. a plain-classpath {@link LleMBeans#register} in the same JVM) is
 * logged and skipped: monitoring never takes a name away from its owner. Two providers with the same name get
 * the second one's {@code service.id} added as an {@code id} key.
 */
@Component(immediate = true)
public final class MonitoringComponent {
    private static final Logger LOG = System.getLogger("org.lle.memory.monitoring");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<Long, MBeanGroup> providers = new HashMap<>();
    private final MemoryStateEvents stateEvents = new MemoryStateEvents();
    private MemoryPoolSystem pools;
    private MBeanGroup poolBeans;
    private SecureMemoryBroker broker;
    private MBeanGroup brokerBeans;
    private boolean deactivated;

    // A replacement is bound before the old service is unbound (greedy): bind swaps, unbind only drops its own.
    @Reference(name = "pools", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPools")
    synchronized void bindPools(MemoryPoolSystem bound) {
        if (deactivated) {
            return;
        }
        dropPools();
        poolBeans = registerOrLog(PoolBeans.of(bound));
        if (poolBeans != null) {
            pools = bound;
            bound.addStateListener(stateEvents);
        }
    }

    synchronized void unbindPools(MemoryPoolSystem unbound) {
        if (pools == unbound) {
            dropPools();
        }
    }

    @Reference(name = "broker", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindBroker")
    synchronized void bindBroker(SecureMemoryBroker bound) {
        if (deactivated) {
            return;
        }
        dropBroker();
        brokerBeans = registerOrLog(Map.of(LleMBeans.SECURE_MEMORY_BROKER, SecureMemoryBeans.broker(bound)));
        if (brokerBeans != null) {
            broker = bound;
        }
    }

    synchronized void unbindBroker(SecureMemoryBroker unbound) {
        if (broker == unbound) {
            dropBroker();
        }
    }

    @Reference(name = "providers", service = SecureMemory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindProvider")
    synchronized void bindProvider(SecureMemory provider, Map<String, Object> properties) {
        if (deactivated) {
            return;
        }
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        Object named = properties.get(SecureMemoryProperties.PROVIDER);
        String name = named != null ? named.toString() : provider.info().provider();
        ObjectName objectName = LleMBeans.secureMemory(name);
        if (server.isRegistered(objectName)) {
            objectName = withId(objectName, serviceId);
        }
        MBeanGroup group = registerOrLog(Map.of(objectName, SecureMemoryBeans.provider(provider)));
        if (group != null) {
            providers.put(serviceId, group);
        }
    }

    synchronized void unbindProvider(SecureMemory provider, Map<String, Object> properties) {
        MBeanGroup group = providers.remove((Long) properties.get(Constants.SERVICE_ID));
        if (group != null) {
            group.close();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        dropPools();
        dropBroker();
        providers.values().forEach(MBeanGroup::close);
        providers.clear();
    }

    private void dropPools() {
        if (pools != null) {
            pools.removeStateListener(stateEvents);
            pools = null;
        }
        if (poolBeans != null) {
            poolBeans.close();
            poolBeans = null;
        }
    }

    private void dropBroker() {
        broker = null;
        if (brokerBeans != null) {
            brokerBeans.close();
            brokerBeans = null;
        }
    }

    private static ObjectName withId(ObjectName name, long serviceId) {
        try {
            return new ObjectName(name.getCanonicalName() + ",id=" + serviceId);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("cannot add id=" + serviceId + " to " + name, e);
        }
    }

    private MBeanGroup registerOrLog(Map<ObjectName, Object> beans) {
        try {
            return MBeanGroup.register(server, beans);
        } catch (IllegalStateException taken) {
            LOG.log(Level.WARNING, "lle-memory monitoring skips " + beans.keySet() + ": " + taken.getMessage());
            return null;
        }
    }
}
