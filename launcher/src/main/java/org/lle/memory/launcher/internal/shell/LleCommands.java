package org.lle.memory.launcher.internal.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code lle:*} Gogo commands. Every reference is optional and dynamic, so the commands keep working
 * (and say what is missing) while providers come and go, which {@code lle:swap} does on purpose.
 */
@Component(service = LleCommands.class, property = {
    "osgi.command.scope=lle",
    "osgi.command.function=status",
    "osgi.command.function=doctor",
    "osgi.command.function=pools",
    "osgi.command.function=secret",
    "osgi.command.function=swap",
    "osgi.command.function=memfd",
    "osgi.command.function=soak"})
public final class LleCommands {
    private final ProviderRegistry providers = new ProviderRegistry();
    private BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecureMemoryBroker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryPoolSystem pools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** Every provider (not the broker, which delegates to one of them). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(lle.secure.provider=*)")
    void addProvider(ServiceReference<SecureMemory> ref, SecureMemory memory) {
        if (!(memory instanceof SecureMemoryBroker)) {
            providers.add(ref, memory);
        }
    }

    void removeProvider(ServiceReference<SecureMemory> ref) {
        providers.remove(ref);
    }

    @Descriptor("selected secure-memory provider, its capabilities, locked bytes and lock limit; pool stats")
    public void status() {
        new StatusReport(context, providers, broker, pools).print(out());
    }

    @Descriptor("what this machine allows for secure memory, and how to fix what is missing")
    public void doctor() {
        new Doctor(providers.selected().map(p -> p.memory().info()), Machine.current()).print(out());
    }

    @Descriptor("per-type pool statistics")
    public void pools(
            @Descriptor("first allocate, check and hold this many blocks over all types, then free them")
            @Parameter(names = {"-x", "--exercise"}, absentValue = "0") int exercise) {
        new PoolReport(pools).print(out(), exercise);
    }

    @Descriptor("read a secret without echo into a secure buffer and prove it is locked and not dumpable")
    public void secret(CommandSession session,
            @Descriptor("use a fixed demo value instead of reading one")
            @Parameter(names = {"-d", "--demo"}, presentValue = "true", absentValue = "false") boolean demo) {
        SecretInput input = demo ? SecretInput.demo() : SecretInput.interactive(session.getKeyboard(), out());
        new SecretCommand(providers, broker).run(input, out());
    }

    @Descriptor("hot-swap demo: threads use secure buffers while the selected provider's bundle stops and starts")
    public void swap(
            @Descriptor("stop/start cycles")
            @Parameter(names = {"-n", "--count"}, absentValue = "5") int count,
            @Descriptor("worker threads")
            @Parameter(names = {"-t", "--threads"}, absentValue = "4") int threads,
            @Descriptor("secure buffers per thread")
            @Parameter(names = {"-b", "--buffers"}, absentValue = "16") int buffers) {
        new SwapDemo(providers, broker, new SwapDemo.Load(count, threads, buffers)).run(out());
    }

    @Descriptor("turn the POSIX provider's memfd_secret backend on or off (Config Admin, PID org.lle.memory.secure.posix)")
    public void memfd(@Descriptor("on or off") String state) {
        new MemfdCommand(configAdmin, providers).run(state, out());
    }

    @Descriptor("soak test: mixed pool and secure-buffer load with a provider change every few seconds; samples "
            + "RSS, VmLck and the number of mappings into a CSV file; fails on any lost or corrupted buffer")
    public void soak(
            @Descriptor("how long, in seconds")
            @Parameter(names = {"-s", "--seconds"}, absentValue = "600") int seconds,
            @Descriptor("milliseconds between provider changes")
            @Parameter(names = {"-w", "--swap-every"}, absentValue = "3000") int swapEveryMillis,
            @Descriptor("seconds between samples")
            @Parameter(names = {"-i", "--sample-every"}, absentValue = "5") int sampleSeconds,
            @Descriptor("the CSV file to write")
            @Parameter(names = {"-o", "--csv"}, absentValue = "lle-soak.csv") String csv) throws Exception {
        if (swapEveryMillis < 100 || sampleSeconds < 1) {
            throw new IllegalArgumentException("--swap-every must be at least 100 ms and --sample-every at least 1 s, got "
                    + swapEveryMillis + " ms and " + sampleSeconds + " s");
        }
        new SoakCommand(context, broker, pools, configAdmin).run(new SoakCommand.Plan(Duration.ofSeconds(seconds),
                Duration.ofSeconds(sampleSeconds), Duration.ofMillis(swapEveryMillis), Path.of(csv)), out());
    }

    /** Gogo points System.out at the calling session for the duration of a command. */
    private static PrintStream out() {
        return System.out;
    }
}
