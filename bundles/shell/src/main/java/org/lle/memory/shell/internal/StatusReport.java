package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code lle:status}: what a user wants to see first. */
final class StatusReport {
    /** The broker's configuration attribute (PID org.lle.memory.secure.broker), also its service property. */
    static final String DEGRADED_MEMORY = "degradedMemory";

    private final BundleContext context;
    private final RegisteredProviders providers;
    private final SecureMemoryBroker broker;
    private final MemoryPoolSystem pools;

    StatusReport(BundleContext context, RegisteredProviders providers, SecureMemoryBroker broker, MemoryPoolSystem pools) {
        this.context = context;
        this.providers = providers;
        this.broker = broker;
        this.pools = pools;
    }

    void print(PrintStream out) {
        Bundle system = context.getBundle(0);
        Bundle[] bundles = context.getBundles();
        java.util.List<String> inactive = java.util.Arrays.stream(bundles).filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " " + stateName(b.getState())).toList();
        // a bundle that is not active is named, so "17 of 18" explains itself
        out.println("lle-memory host: " + system.getSymbolicName() + " " + system.getVersion() + ", "
                + (bundles.length - inactive.size()) + " of " + bundles.length + " bundles active"
                + (inactive.isEmpty() ? "" : " (not active: " + String.join(", ", inactive) + ")"));
        Optional<RegisteredProviders.Provider> selected = providers.selected();
        if (selected.isEmpty()) {
            out.println("Secure memory provider: NONE registered (install lle-memory-secure-noop for the fallback)");
        } else {
            printProvider(out, selected.get());
        }
        printBroker(out);
        printPools(out);
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return "state " + state; // ACTIVE bundles are not listed
        }
    }

    private void printProvider(PrintStream out, RegisteredProviders.Provider p) {
        SecureMemoryInfo info = p.memory().info();
        out.println("Secure memory provider: " + p.describe());
        String others = providers.all().stream().filter(o -> o != p)
                .map(o -> o.name() + " (ranking " + o.ranking() + (o.degradedProperty() ? ", degraded" : "") + ")")
                .collect(Collectors.joining(", "));
        out.println("  other providers: " + (others.isEmpty() ? "none" : others));
        out.println("  degraded: " + (info.degraded() ? "YES - " + info.degradationReason() : "no"));
        out.println("  capabilities: " + capabilities(info));
        out.println("  " + lockedBytes(info) + "; lock limit: " + lockLimit(info.lockLimitBytes()));
        out.println("  process VmLck: " + ProcStatus.vmLckBytes().stream().mapToObj(Units::bytes).findFirst().orElse("unknown"));
    }

    static String capabilities(SecureMemoryInfo info) {
        return info.capabilities().isEmpty() ? "none"
                : info.capabilities().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** @return the provider's locked bytes and the idle part of them (kept for the next allocation) */
    static String lockedBytes(SecureMemoryInfo info) {
        return "locked by provider: " + Units.bytes(info.lockedBytes()) + " (idle, no live buffer in it: "
                + Units.bytes(info.idleLockedBytes()) + ")";
    }

    static String lockLimit(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "unlimited (RLIMIT_MEMLOCK unlimited or CAP_IPC_LOCK)";
        }
        return bytes < 0 ? "unknown" : Units.bytes(bytes) + " (RLIMIT_MEMLOCK)";
    }

    private void printBroker(PrintStream out) {
        SecureMemoryBroker b = broker;
        if (b == null) {
            out.println("Broker (hot-swap-safe buffers): NOT registered");
            return;
        }
        out.println("Broker (hot-swap-safe buffers): " + (b.isAvailable() ? "available" : "no provider bound")
                + ", " + b.liveBuffers() + " live buffers, " + b.swapCount() + " provider changes so far");
        ServiceReference<SecureMemoryBroker> ref = context.getServiceReference(SecureMemoryBroker.class);
        out.println("  " + brokerSafety(b, ref == null ? null : ref.getProperty(DEGRADED_MEMORY)));
    }

    /**
     * @param configured the broker's {@value #DEGRADED_MEMORY} service property: Declarative Services publishes
     *        the configured value; absent means the default
     * @return the degraded-memory policy and what the broker did to secrets: moves into and out of degraded
     *         memory, buffers lost
     */
    static String brokerSafety(SecureMemoryBroker b, Object configured) {
        String policy;
        if (configured == null) {
            policy = "ALLOW (default)";
        } else {
            String value = String.valueOf(configured).trim().toUpperCase(java.util.Locale.ROOT);
            policy = value.equals("ALLOW") || value.equals("REFUSE") ? value
                    : "configured \"" + configured + "\" is invalid (refused; the broker kept its previous policy, see its log)";
        }
        return "degraded-memory policy: " + policy + "; buffers moved into degraded memory: " + b.movesIntoDegraded()
                + ", out of it: " + b.movesOutOfDegraded() + "; lost buffers: " + b.lostBuffers();
    }

    private void printPools(PrintStream out) {
        MemoryPoolSystem p = pools;
        if (p == null) {
            out.println("Pools: MemoryPoolSystem NOT registered");
            return;
        }
        PoolStats t = p.totalStats();
        out.println("Pools: " + p.state() + "; " + t.liveBlocks() + " live blocks, " + Units.bytes(t.liveBytes())
                + " live, " + Units.bytes(t.reservedBytes()) + " reserved of " + Units.bytes(p.config().totalBudgetBytes())
                + " budget; " + t.allocations() + " allocations, " + t.frees() + " frees, " + t.fallbacks()
                + " fallbacks, " + t.failures() + " failures");
    }
}
