package org.lle.memory.shell.internal;

import java.io.PrintStream;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.SecretPrompt;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code lle:*} Gogo commands that only look (and {@code lle:secret}, which stores one secret the user
 * typed and closes it again): safe in any console. Every reference is optional and dynamic, so the commands
 * keep working (and say what is missing) while providers come and go.
 *
 * <p>On activation it turns on the {@link DemoCommands} component when the framework property
 * {@value #DEMO_PROPERTY} is {@code true}; see the package documentation. Immediate, because Gogo gets a
 * command service only when a command runs, and the demonstrations must be listed before that.
 */
@Component(service = LleCommands.class, immediate = true, property = {
    "osgi.command.scope=lle",
    "osgi.command.function=status",
    "osgi.command.function=doctor",
    "osgi.command.function=pools",
    "osgi.command.function=secret"})
public final class LleCommands {
    /** Framework (or system) property that turns the provider-restarting demonstration commands on. */
    public static final String DEMO_PROPERTY = "lle.shell.demo";

    private final ProviderRegistry providers = new ProviderRegistry();
    private final BundleContext context;

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
    public LleCommands(ComponentContext componentContext) {
        this.context = componentContext.getBundleContext();
        if (demoWanted(context.getProperty(DEMO_PROPERTY))) {
            componentContext.enableComponent(DemoCommands.NAME);
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

    /**
     * With the {@link SecretPrompt} service, a command on the process's own standard input (the launcher's console)
     * reads the terminal itself; any other session (telnet, SSH, a pipe in the command line) is read through
     * {@code System.in}, which Gogo points at the calling session while a command runs, and the prompt warns that
     * the secret passed through that session's buffers. Without the service, the JDK console or a line of the
     * session's input is read into a {@code char[]} that is wiped at once.
     */
    @Descriptor("read a secret without echo into secure memory and prove it is locked and not dumpable")
    public void secret(
            @Descriptor("use a fixed demo value instead of reading one")
            @Parameter(names = {"-d", "--demo"}, presentValue = "true", absentValue = "false") boolean demo)
            throws java.io.IOException {
        SecretPrompt prompt = secretPrompt;
        SecretInput input;
        if (demo) {
            input = SecretInput.demo();
        } else if (prompt == null) {
            input = SecretInput.withoutPrompt(System.in, out());
        } else if (GogoSessionInput.isProcessStandardInput()) {
            input = SecretInput.terminal(prompt);
        } else {
            input = SecretInput.session(prompt, System.in, out());
        }
        new SecretCommand(providers, broker, secretLines).run(input, out());
    }

    /** Gogo points System.out at the calling session for the duration of a command. */
    static PrintStream out() {
        return System.out;
    }
}
