package org.lle.memory.secure.posix.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.secure.posix.internal.nativ.LibC;
import org.lle.memory.secure.posix.internal.nativ.Termios;
import org.lle.memory.secure.posix.internal.prompt.PosixSecretPrompt;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link SecretPrompt} service of the POSIX bundle. It does not depend on the POSIX secure-memory provider
 * being registered: the prompt only reads the terminal, and the caller's line lives in whichever secure memory
 * the caller chose (the broker, no-op).
 *
 * <p>On deactivation it ends the running prompts (each restores its terminal and wipes its line) and only
 * then releases the terminal binding, which JNA would otherwise hold with this bundle's class loader.
 */
@Component(name = "org.lle.memory.secure.posix.prompt", service = SecretPrompt.class)
public final class SecretPromptComponent implements SecretPrompt {
    private final PosixSecretPrompt prompt;

    @Activate
    public SecretPromptComponent() {
        Termios.bind(); // again after a deactivation of this same revision (a bundle stop and start)
        LibC.bind(); // the key page's mmap and mlock; bound here too, the provider may be disabled
        this.prompt = new PosixSecretPrompt();
    }

    @Deactivate
    void deactivate() {
        if (prompt.stop()) {
            Termios.unbind();
        } else {
            System.getLogger(SecretPromptComponent.class.getName()).log(Level.WARNING,
                    "a secret prompt did not end after its service stopped: the terminal binding is kept");
        }
    }

    @Override
    public PromptOutcome read(SecretLine line, PromptOptions options) throws IOException {
        return prompt.read(line, options);
    }

    @Override
    public PromptOutcome read(SecretLine line, PromptOptions options, InputStream in, OutputStream out)
            throws IOException {
        return prompt.read(line, options, in, out);
    }
}
