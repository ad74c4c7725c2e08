package org.lle.memory.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.SecretPrompt;
import org.osgi.framework.BundleContext;

/**
 * The work behind the commands that only look ({@code lle:status}, {@code lle:doctor}, {@code lle:pools}) and
 * {@code lle:secret}, which stores one secret the user typed and closes it again. Free of DS and Gogo: the caller
 * passes the services bound at the moment of the call (any of them may be {@code null}, and each report says
 * what is missing) and the streams of the calling session.
 */
public final class LleCommands {
    private final BundleContext context;
    private final RegisteredProviders providers;

    public LleCommands(BundleContext context, RegisteredProviders providers) {
        this.context = context;
        this.providers = providers;
    }

    public void status(SecureMemoryBroker broker, MemoryPoolSystem pools, PrintStream out) {
        new StatusReport(context, providers, broker, pools).print(out);
    }

    public void doctor(PrintStream out) {
        new Doctor(providers.selected().map(p -> p.memory().info()), KernelFiles.current()).print(out);
    }

    public void pools(MemoryPoolSystem pools, int exercise, PrintStream out) {
        new PoolReport(pools).print(out, exercise);
    }

    /**
     * With a {@link SecretPrompt}, a command on the process's own standard input (the launcher's console) reads the
     * terminal itself; any other session (telnet, SSH, a pipe in the command line) is read through {@code in},
     * and the prompt warns that the secret passed through that session's buffers. Without a prompt, the JDK
     * console or a line of {@code in} is read into a {@code char[]} that is wiped at once.
     */
    public void secret(boolean demo, SecretPrompt prompt, SecureMemoryBroker broker, SecretLineFactory lines,
            InputStream in, PrintStream out) throws IOException {
        SecretInput input;
        if (demo) {
            input = SecretInput.demo();
        } else if (prompt == null) {
            input = SecretInput.withoutPrompt(in, out);
        } else if (GogoSessionInput.isProcessStandardInput()) {
            input = SecretInput.terminal(prompt);
        } else {
            input = SecretInput.session(prompt, in, out);
        }
        new SecretCommand(providers, broker, lines).run(input, out);
    }
}
