package org.lle.memory.pool.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.internal.DefaultMemoryPoolSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link MemoryPoolSystem} service. Its life cycle belongs to the framework: it is closed on
 * deactivation, and a configuration change is applied in place ({@link DefaultMemoryPoolSystem#reconfigure})
 * so blocks already handed out stay valid. A configuration with a bad value is refused as a whole and logged
 * (ERROR, naming the attribute, the value and what is allowed): at activation the service runs with the
 * defaults, on a change the previous configuration stays in effect. The service is never lost to a bad value.
 * Consumers share the service, so {@link #close()} from a consumer is refused.
 */
@Component(service = MemoryPoolSystem.class, configurationPid = PoolSystemComponent.PID)
@Designate(ocd = PoolSystemConfiguration.class)
public final class PoolSystemComponent implements MemoryPoolSystem {
    public static final String PID = "org.lle.memory.pool";
    private static final Logger LOG = System.getLogger(PID);

    private final DefaultMemoryPoolSystem system;

    /** @param properties the stored properties behind {@code configuration}, checked as stored */
    @Activate
    public PoolSystemComponent(PoolSystemConfiguration configuration, Map<String, Object> properties) {
        PoolConfig config;
        try {
            config = ConfigTranslator.toPoolConfig(configuration, properties);
        } catch (IllegalArgumentException bad) {
            config = PoolConfig.defaults();
            LOG.log(Level.ERROR, bad.getMessage() + "; running with the defaults instead: " + describe(config));
        }
        this.system = new DefaultMemoryPoolSystem(config);
        LOG.log(Level.INFO, "memory pools active: " + describe(config));
    }

    @Modified
    void modified(PoolSystemConfiguration configuration, Map<String, Object> properties) {
        PoolConfig next;
        try {
            next = ConfigTranslator.toPoolConfig(configuration, properties);
        } catch (IllegalArgumentException bad) {
            LOG.log(Level.ERROR, bad.getMessage() + "; keeping the previous configuration: "
                    + describe(system.config()));
            return;
        }
        system.reconfigure(next);
        LOG.log(Level.INFO, "memory pools reconfigured without dropping live blocks: " + describe(next));
    }

    @Deactivate
    void deactivate() {
        system.close();
    }

    private static String describe(PoolConfig c) {
        return c.defaultStrategy() + ", " + c.selection() + ", leak detection " + c.leakDetection()
                + ", thread cache " + c.threadCacheSize() + ", total budget " + c.totalBudgetBytes()
                + " bytes, emergency reserve " + c.emergencyReserveBytes() + " bytes";
    }

    @Override
    public PoolBlock allocate(PoolType type, int size) {
        return system.allocate(type, size);
    }

    @Override
    public PoolBlock allocate(PoolType type, int size, AllocationStrategy strategy) {
        return system.allocate(type, size, strategy);
    }

    @Override
    public PoolStats stats(PoolType type) {
        return system.stats(type);
    }

    @Override
    public PoolStats totalStats() {
        return system.totalStats();
    }

    @Override
    public MemoryState state() {
        return system.state();
    }

    @Override
    public void addStateListener(MemoryStateListener listener) {
        system.addStateListener(listener);
    }

    @Override
    public void removeStateListener(MemoryStateListener listener) {
        system.removeStateListener(listener);
    }

    @Override
    public PoolConfig config() {
        return system.config();
    }

    /** @throws UnsupportedOperationException always: the framework closes the shared service on deactivation */
    @Override
    public void close() {
        throw new UnsupportedOperationException("the MemoryPoolSystem service is shared and closed by its"
                + " bundle's life cycle (deactivation), not by a consumer");
    }

    @Override
    public String toString() {
        return system.toString();
    }
}
