package org.lle.memory.shell.internal.osgi;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.shell.internal.LleCommands;
import org.lle.memory.shell.internal.RegisteredProviders;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code lle:status}, {@code lle:doctor}, {@code lle:pools} and {@code lle:secret} Gogo commands: safe in any
 * console. Its public methods are what Gogo calls (with their help text and options); each reads the services
 * bound at that moment and hands them to a {@link LleCommands}, which does the work. Its package-private methods
 * are no commands (Gogo calls only the functions its service properties name, and only public methods).
 *
 * <p>Every reference is optional and dynamic, so the commands keep working (and say what is missing) while
 * providers come and go; DS injects only static references through the constructor, so these are fields and
 * bind methods. On activation it turns on the {@link DemoCommandsComponent} when the framework property
 * {@value #DEMO_PROPERTY} is {@code true}; see the package documentation of {@code org.lle.memory.shell.internal}.
 * Immediate, because Gogo gets a command service only when a command runs, and the demonstrations must be
 * listed before that.
 */
@Component(name = LleCommandsComponent.NAME, service = LleCommandsComponent.class, immediate = true, property = {
    "osgi.command.scope=lle",
    "osgi.command.function=status",
    "osgi.command.function=doctor",
    "osgi.command.function=pools",
    "osgi.command.function=secret"})
public final class LleCommandsComponent {
    static final String NAME = "org.lle.memory.shell.commands";

    /** Framework (or system) property that turns the provider-restarting demonstration commands on. */
    public static final String DEMO_PROPERTY = "lle.shell.demo";

    private final RegisteredProviders providers = new RegisteredProviders();
    private final LleCommands commands;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecureMemoryBroker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryPoolSystem pools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretLineFactory secretLines;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretPrompt secretPrompt;

    @Activate
    public LleCommandsComponent(ComponentContext componentContext) {
        this.commands = new LleCommands(componentContext.getBundleContext(), providers);
        if (demoWanted(componentContext.getBundleContext().getProperty(DEMO_PROPERTY))) {
            componentContext.enableComponent(DemoCommandsComponent.NAME);
        }
    }

    /** Only an explicit {@code true} turns the demonstrations on; anything else (or nothing) keeps them off. */
    static boolean demoWanted(String property) {
        return property != null && property.trim().equalsIgnoreCase("true");
    }

    /** Every provider (not the broker, which delegates to one of them). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(lle.secure.provider=*)")
    void addProvider(ServiceReference<SecureMemory> ref, SecureMemory memory) {
        providers.addUnlessBroker(ref, memory);
    }

    void removeProvider(ServiceReference<SecureMemory> ref) {
        providers.remove(ref);
    }

    @Descriptor("selected secure-memory provider, its capabilities, locked bytes and lock limit; pool stats")
    public void status() {
        commands.status(broker, pools, out());
    }

    @Descriptor("what this machine allows for secure memory, and how to fix what is missing")
    public void doctor() {
        commands.doctor(out());
    }

    @Descriptor("per-type pool statistics")
    public void pools(
            @Descriptor("first allocate, check and hold this many blocks over all types, then free them")
            @Parameter(names = {"-x", "--exercise"}, absentValue = "0") int exercise) {
        commands.pools(pools, exercise, out());
    }

    /** Gogo points {@code System.in} at the calling session while a command runs; see {@link LleCommands#secret}. */
    @Descriptor("read a secret without echo into secure memory and prove it is locked and not dumpable")
    public void secret(
            @Descriptor("use a fixed demo value instead of reading one")
            @Parameter(names = {"-d", "--demo"}, presentValue = "true", absentValue = "false") boolean demo)
            throws IOException {
        commands.secret(demo, secretPrompt, broker, secretLines, System.in, out());
    }

    /** The providers registered now, for {@link DemoCommandsComponent}, which shares this component's view. */
    RegisteredProviders providers() {
        return providers;
    }

    /** @return the broker bound now, {@code null} when none is */
    SecureMemoryBroker broker() {
        return broker;
    }

    /** @return the pool system bound now, {@code null} when none is */
    MemoryPoolSystem pools() {
        return pools;
    }

    /** Gogo points System.out at the calling session for the duration of a command. */
    static PrintStream out() {
        return System.out;
    }
}
