package org.lle.memory.monitoring;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.lle.memory.monitoring.internal.MBeanGroup;
import org.lle.memory.monitoring.internal.MemoryStateEvents;
import org.lle.memory.monitoring.internal.PoolBeans;
import org.lle.memory.monitoring.internal.SecureMemoryBeans;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;

/**
 * The JMX names of lle-memory, and their registration on a plain class path. In OSGi the
 * {@code org.lle.memory.monitoring} bundle registers the same names itself while the services run.
 *
 * <p>A name can be registered once: a second {@link #register} of a name still registered fails with an
 * {@link IllegalStateException} naming it, and registers nothing (silently replacing another owner's bean
 * would leave that owner unregistering ours when it closes).
 */
public final class LleMBeans {
    /** The JMX domain of every lle-memory MXBean. */
    public static final String DOMAIN = "org.lle.memory";

    /** The pool system as a whole: {@link PoolsMXBean}. */
    public static final ObjectName POOLS = name(DOMAIN + ":type=Pools");

    /** The hot-swap broker: {@link SecureMemoryBrokerMXBean}. */
    public static final ObjectName SECURE_MEMORY_BROKER = name(DOMAIN + ":type=SecureMemoryBroker");

    /** What a provider name may be without quoting in an {@link ObjectName}. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._-]+");

    private LleMBeans() {
    }

    /** @return {@code org.lle.memory:type=Pools,name=<TYPE>}: {@link PoolTypeMXBean} */
    public static ObjectName poolType(PoolType type) {
        return name(DOMAIN + ":type=Pools,name=" + type.name());
    }

    /**
     * @param provider the provider's name ({@code posix}, {@code noop}); quoted when it holds characters an
     *                 {@link ObjectName} value may not hold unquoted
     * @return {@code org.lle.memory:type=SecureMemory,provider=<name>}: {@link SecureMemoryMXBean}
     */
    public static ObjectName secureMemory(String provider) {
        String value = PLAIN_VALUE.matcher(provider).matches() ? provider : ObjectName.quote(provider);
        return name(DOMAIN + ":type=SecureMemory,provider=" + value);
    }

    /**
     * Registers MXBeans on the platform MBean server: {@link #POOLS} and one {@link #poolType} per type for
     * {@code pools}; for {@code secure}, {@link #SECURE_MEMORY_BROKER} when it is a {@link SecureMemoryBroker},
     * else {@link #secureMemory} under its provider's name. Every attribute is read from the service when it
     * is asked for. While registered, the pool system's state changes are also recorded as the JFR event
     * {@code org.lle.memory.MemoryStateChange} (when a recording enables it).
     *
     * @param pools the pool system, or {@code null} to register none of its names
     * @param secure a provider or broker, or {@code null} to register none
     * @return the registration; {@link Registration#close()} unregisters every name (idempotent)
     * @throws IllegalArgumentException when both are {@code null}
     * @throws IllegalStateException when a name is registered already (nothing is registered then)
     */
    public static Registration register(MemoryPoolSystem pools, SecureMemory secure) {
        if (pools == null && secure == null) {
            throw new IllegalArgumentException("nothing to register: both pools and secure are null");
        }
        Map<ObjectName, Object> beans = new LinkedHashMap<>();
        if (pools != null) {
            beans.putAll(PoolBeans.of(pools));
        }
        if (secure instanceof SecureMemoryBroker) {
            beans.put(SECURE_MEMORY_BROKER, SecureMemoryBeans.broker((SecureMemoryBroker) secure));
        } else if (secure != null) {
            beans.put(secureMemory(secure.info().provider()), SecureMemoryBeans.provider(secure));
        }
        MBeanGroup group = MBeanGroup.register(ManagementFactory.getPlatformMBeanServer(), beans);
        List<Runnable> undo = new ArrayList<>();
        undo.add(group::close);
        if (pools != null) {
            MemoryStateEvents events = new MemoryStateEvents();
            pools.addStateListener(events);
            undo.add(0, () -> pools.removeStateListener(events));
        }
        return new Registration() {
            private boolean closed;

            @Override
            public Set<ObjectName> names() {
                return group.names();
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    undo.forEach(Runnable::run);
                }
            }
        };
    }

    /** What {@link #register} registered; closing it unregisters every name. */
    public interface Registration extends AutoCloseable {
        /** @return the names registered (still registered until {@link #close()}) */
        Set<ObjectName> names();

        /** Unregisters every name; a name someone else unregistered already is skipped. Idempotent. */
        @Override
        void close();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a valid JMX name: " + text, e);
        }
    }
}
