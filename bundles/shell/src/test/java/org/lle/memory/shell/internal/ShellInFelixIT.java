package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.shell.internal.osgi.LleCommandsComponent;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The shell bundle in a stock Apache Felix with Felix SCR and the Gogo runtime, as any host would run it (no
 * launcher): the safe commands answer through a Gogo session, the demonstration commands exist only when the
 * framework property {@code lle.shell.demo} is {@code true}, and without Gogo or Config Admin the bundle still
 * resolves and registers its commands.
 */
class ShellInFelixIT {
    private static final String GOGO_RUNTIME = "org.apache.felix.gogo.runtime";
    private static final List<String> INFRASTRUCTURE = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component-", "org.apache.felix.scr");
    private static final List<String> LLE = List.of("lle-memory-api", "lle-memory-internal", "lle-memory-pool", "lle-memory-secure-noop",
            "lle-memory-secure-broker");
    private static final String SWAP = "(&(osgi.command.scope=lle)(osgi.command.function=swap))";
    private static final String STATUS = "(&(osgi.command.scope=lle)(osgi.command.function=status))";

    @TempDir
    Path storage;

    private ClassPathFelix felix;
    private BundleContext context;
    private Bundle shell;

    @AfterEach
    void stopFramework() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void withoutTheDemoPropertyTheSafeCommandsAnswerAndLleSwapDoesNotExist() throws Exception {
        start(Map.of(), true);
        assertThat(commands(STATUS)).as("status, doctor, pools, secret").hasSize(1);
        assertThat(commands(SWAP)).as("the demonstration component stays disabled").isEmpty();

        String status = gogo("lle:status");
        assertThat(status).contains("Secure memory provider: noop", "degraded: YES", "Broker (hot-swap-safe buffers): available",
                "Pools: ");
        assertThat(gogo("lle:doctor")).contains("RLIMIT_MEMLOCK", "core dumps");
        assertThatThrownBy(() -> gogo("lle:swap --count 1")).hasMessageContaining("Command not found: lle:swap");
        assertThatThrownBy(() -> gogo("lle:memfd on")).hasMessageContaining("Command not found: lle:memfd");
    }

    @Test
    void onlyAnExplicitTrueTurnsTheDemonstrationsOn() throws Exception {
        start(Map.of(LleCommandsComponent.DEMO_PROPERTY, "yes"), true);
        assertThat(commands(STATUS)).hasSize(1);
        assertThat(commands(SWAP)).as("'yes' is not 'true'").isEmpty();
    }

    @Test
    void theDemoPropertyTurnsOnLleSwapMemfdAndSoak() throws Exception {
        start(Map.of(LleCommandsComponent.DEMO_PROPERTY, "true"), true);
        awaitService(SWAP); // the main component enables the demonstrations; SCR does that on its own thread
        assertThat(commands(SWAP)).hasSize(1).first().satisfies(ref -> assertThat(
                (String[]) ref.getProperty("osgi.command.function")).containsExactly("swap", "memfd", "soak"));
        assertThat(gogo("lle:swap --count 1")).as("it runs; with one provider it says why it moves nothing")
                .contains("lle:swap skipped: noop is the only provider");
    }

    /**
     * A Gogo session over streams (like a remote shell): lle:secret reads the session's input through the POSIX
     * bundle's prompt service into a secret line, warns that the secret passed through the session's buffers, and
     * stores it; the demo value needs no input.
     */
    @Test
    void lleSecretOverASessionStreamUsesThePromptServiceAndWarnsAboutTheSessionsBuffers() throws Exception {
        start(Map.of(), true, "jna-", "lle-memory-secure-posix", "lle-memory-secure-line");
        awaitService("(objectClass=org.lle.memory.secure.line.SecretPrompt)");
        awaitService("(objectClass=org.lle.memory.secure.line.SecretLineFactory)");
        String secret = "felix-session-" + Long.toHexString(System.nanoTime());

        String out = gogo("lle:secret", (secret + "x\u007f\r").getBytes(StandardCharsets.UTF_8));
        assertThat(out).contains("WARNING: this session has no terminal of its own",
                "secret: " + secret.length() + " chars from the session's input stream",
                "no Java copy was made on the way",
                "stored: " + secret.length() + "-byte secure buffer from the broker (provider posix behind it)",
                "closed: the buffer and the line were wiped").doesNotContain(secret);
        assertThat(gogo("lle:secret --demo")).contains("secret: 45 chars from the fixed demo value");
        assertThatThrownBy(() -> gogo("lle:secret", "\u0003".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no secret read (cancelled)");
    }

    @Test
    void withoutGogoAndConfigAdminTheBundleStillResolvesAndRegistersItsCommands() throws Exception {
        start(Map.of(LleCommandsComponent.DEMO_PROPERTY, "true"), false);
        assertThat(shell.getState()).isEqualTo(Bundle.ACTIVE);
        List<String> wired = shell.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package").stream()
                .map(BundleWire::getCapability).map(c -> String.valueOf(c.getAttributes().get("osgi.wiring.package")))
                .toList();
        assertThat(wired).contains("org.lle.memory.secure", "org.osgi.framework")
                .doesNotContain("org.apache.felix.service.command", "org.osgi.service.cm");
        assertThat(commands(STATUS)).as("the main commands need neither").hasSize(1);
    }

    private void start(Map<String, String> properties, boolean withGogoAndConfigAdmin, String... more) throws Exception {
        felix = ClassPathFelix.start(storage, properties);
        context = felix.context();
        List<String> names = new ArrayList<>(INFRASTRUCTURE);
        if (withGogoAndConfigAdmin) {
            names.add("org.apache.felix.configadmin");
            names.add(GOGO_RUNTIME);
        }
        names.addAll(LLE);
        names.addAll(List.of(more));
        List<Bundle> bundles = felix.installFromClassPath(names.toArray(String[]::new));
        shell = felix.installBuilt("shell.bundle");
        bundles.add(shell);
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        awaitService(STATUS);
        awaitService("(objectClass=org.lle.memory.secure.SecureMemoryBroker)");
    }

    private List<ServiceReference<?>> commands(String filter) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, filter);
        return refs == null ? List.of() : Arrays.asList(refs);
    }

    private void awaitService(String filter) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (commands(filter).isEmpty()) {
            assertThat(System.nanoTime()).as("a service " + filter + " within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * Runs one command line in a Gogo session, the way a console does, and returns what it printed. Gogo's API
     * lives in the gogo.runtime bundle's class space, so it is called reflectively by its public names.
     */
    private String gogo(String commandLine) throws Exception {
        return gogo(commandLine, new byte[0]);
    }

    /** As {@link #gogo(String)}, with {@code keyboard} as the session's input. */
    private String gogo(String commandLine, byte[] keyboard) throws Exception {
        // "all": this test's class path has its own copy of the Gogo API, which a plain lookup would filter out
        List<ServiceReference<?>> processors = commands("(objectClass=org.apache.felix.service.command.CommandProcessor)");
        assertThat(processors).as("the Gogo command processor").hasSize(1);
        ServiceReference<?> ref = processors.get(0);
        Object processor = context.getService(ref);
        Class<?> processorType = ref.getBundle().loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionType = ref.getBundle().loadClass("org.apache.felix.service.command.CommandSession");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                OutputStream.class).invoke(processor, new ByteArrayInputStream(keyboard), out, out);
        try {
            sessionType.getMethod("execute", CharSequence.class).invoke(session, commandLine);
        } catch (InvocationTargetException e) {
            Throwable cause = e;
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(commandLine + ": " + cause, cause);
        } finally {
            sessionType.getMethod("close").invoke(session);
            context.ungetService(ref);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
