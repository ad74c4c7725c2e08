package org.lle.memory.pool.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
 * so blocks already handed out stay valid. A bad configuration at activation fails the activation with a
 * message naming the value; a bad change is logged and the previous configuration stays in effect.
 * Consumers share the service, so {@link #close()} from a consumer is refused.
 */
@Component(service = MemoryPoolSystem.class, configurationPid = PoolSystemComponent.PID)
@Designate(ocd = PoolSystemConfiguration.class)
public final class PoolSystemComponent implements MemoryPoolSystem {
    public static final String PID = "org.lle.memory.pool";
    private static final Logger LOG = System.getLogger(PID);

    private final DefaultMemoryPoolSystem system;

    @Activate
    public PoolSystemComponent(PoolSystemConfiguration configuration) {
        PoolConfig config = ConfigTranslator.toPoolConfig(configuration);
        this.system = new DefaultMemoryPoolSystem(config);
        LOG.log(Level.INFO, "memory pools active: " + describe(config));
    }

    @Modified
    void modified(PoolSystemConfiguration configuration) {
        PoolConfig next;
        try {
            next = ConfigTranslator.toPoolConfig(configuration);
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
