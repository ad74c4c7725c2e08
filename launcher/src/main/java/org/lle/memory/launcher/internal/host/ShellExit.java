package org.lle.memory.launcher.internal.host;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The shell's {@code exit} and {@code exit N}: ends the console and makes N the launcher's exit code.
 *
 * <p>Gogo's own {@code exit} is {@code System.exit} (its profile adds {@code java.lang.System}'s methods as
 * commands). It runs in a command thread while the console thread waits for it; the JVM shutdown then stops the
 * framework, the shell bundle interrupts the waiting console, and Gogo prints the InterruptedException. This
 * command only ends the console's input, so the console finishes as at end of input and the host stops the
 * framework itself. It is registered in the {@code gogo} scope, which the profile searches first, so a bare
 * {@code exit} finds it.
 */
public final class ShellExit {
    private final ConsoleInput input;
    private volatile int code = Options.EXIT_OK;

    ShellExit(ConsoleInput input) {
        this.input = input;
    }

    /** Registers this command with Gogo (any bundle's service with the command properties is one). */
    ServiceRegistration<?> register(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "gogo");
        props.put("osgi.command.function", new String[] {"exit"});
        return context.registerService(Object.class, this, props);
    }

    /** Leaves the shell; the launcher exits with 0. */
    public void exit() {
        exit(Options.EXIT_OK);
    }

    /** Leaves the shell; the launcher exits with {@code status}. */
    public void exit(int status) {
        code = status;
        input.end();
    }

    /** @return the code the last {@code exit} asked for, {@link Options#EXIT_OK} when the input simply ended */
    int code() {
        return code;
    }
}
