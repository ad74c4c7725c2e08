package org.lle.memory.shell.internal.osgi;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.lle.memory.shell.internal.DemoCommands;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The demonstration commands, which restart or reconfigure the secure-memory provider under live secrets:
 * {@code lle:swap}, {@code lle:memfd}, {@code lle:soak}. Disabled in the component description; only
 * {@link LleCommandsComponent} enables it, when the framework property {@value LleCommandsComponent#DEMO_PROPERTY}
 * is {@code true}, so a production console never offers them by accident. Its public methods are what Gogo calls;
 * each hands the services bound at that moment to a {@link DemoCommands}, which does the work. The providers, the
 * broker and the pool system it sees are those of the {@link LleCommandsComponent} it gets in its constructor;
 * Config Admin, which only these commands use, is an optional dynamic reference of its own (a field: DS injects
 * only static references through the constructor).
 */
@Component(name = DemoCommandsComponent.NAME, enabled = false, service = DemoCommandsComponent.class, property = {
    "osgi.command.scope=lle",
    "osgi.command.function=swap",
    "osgi.command.function=memfd",
    "osgi.command.function=soak"})
public final class DemoCommandsComponent {
    static final String NAME = "org.lle.memory.shell.demo";

    private final LleCommandsComponent main;
    private final DemoCommands commands;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    /**
     * @param main the always-on commands, whose view of the providers, the broker and the pool system these
     *        commands share (it enabled this component, and it lives as long as the bundle)
     */
    @Activate
    public DemoCommandsComponent(BundleContext bundleContext, @Reference(name = "commands") LleCommandsComponent main) {
        this.main = main;
        this.commands = new DemoCommands(bundleContext, main.providers());
    }

    @Descriptor("hot-swap demo: threads use secure buffers while the selected provider's bundle stops and starts")
    public void swap(
            @Descriptor("stop/start cycles")
            @Parameter(names = {"-n", "--count"}, absentValue = "5") int count,
            @Descriptor("worker threads")
            @Parameter(names = {"-t", "--threads"}, absentValue = "4") int threads,
            @Descriptor("secure buffers per thread")
            @Parameter(names = {"-b", "--buffers"}, absentValue = "16") int buffers) {
        commands.swap(main.broker(), count, threads, buffers, LleCommandsComponent.out());
    }

    @Descriptor("turn the POSIX provider's memfd_secret backend on or off (Config Admin, PID org.lle.memory.secure.posix)")
    public void memfd(@Descriptor("on or off") String state) {
        commands.memfd(configAdmin, state, LleCommandsComponent.out());
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
        commands.soak(main.broker(), main.pools(), configAdmin, seconds, swapEveryMillis, sampleSeconds, csv,
                LleCommandsComponent.out());
    }
}
