package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The work behind the demonstration commands, which restart or reconfigure the secure-memory provider under live
 * secrets: {@code lle:swap}, {@code lle:memfd}, {@code lle:soak}. Free of DS and Gogo: the caller passes the
 * services bound at the moment of the call (any of them may be {@code null}) and the calling session's output.
 */
public final class DemoCommands {
    private final BundleContext context;
    private final RegisteredProviders providers;

    public DemoCommands(BundleContext context, RegisteredProviders providers) {
        this.context = context;
        this.providers = providers;
    }

    public void swap(SecureMemoryBroker broker, int count, int threads, int buffers, PrintStream out) {
        new SwapDemo(providers, broker, new SwapDemo.Load(count, threads, buffers)).run(out);
    }

    public void memfd(ConfigurationAdmin configAdmin, String state, PrintStream out) {
        new MemfdCommand(configAdmin, providers).run(state, out);
    }

    /** @throws IllegalArgumentException for a provider change more often than every 100 ms or samples under 1 s */
    public void soak(SecureMemoryBroker broker, MemoryPoolSystem pools, ConfigurationAdmin configAdmin, int seconds,
            int swapEveryMillis, int sampleSeconds, String csv, PrintStream out) throws Exception {
        if (swapEveryMillis < 100 || sampleSeconds < 1) {
            throw new IllegalArgumentException("--swap-every must be at least 100 ms and --sample-every at least 1 s, got "
                    + swapEveryMillis + " ms and " + sampleSeconds + " s");
        }
        new SoakCommand(context, broker, pools, configAdmin).run(new SoakCommand.Plan(Duration.ofSeconds(seconds),
                Duration.ofSeconds(sampleSeconds), Duration.ofMillis(swapEveryMillis), Path.of(csv)), out);
    }
}
