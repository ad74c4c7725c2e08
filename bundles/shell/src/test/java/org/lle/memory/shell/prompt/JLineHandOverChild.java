package org.lle.memory.shell.prompt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLines;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.secure.posix.internal.PosixSecureMemoryProvider;

/**
 * A JLine host on a pseudo-terminal: reads a line with JLine's {@code LineReader} (the control, a String), hands
 * the terminal to the secret prompt through {@link JLineSecretPrompt}, gets it back and reads another line with
 * JLine, then holds everything for the test's heap dump. Reports as {@link PromptProofChild} does.
 */
public final class JLineHandOverChild {
    private static final List<Object> KEPT = new ArrayList<>();

    private JLineHandOverChild() {
    }

    public static void main(String[] args) throws Exception {
        SecretPrompt prompt = ServiceLoader.load(SecretPrompt.class).findFirst().orElseThrow();
        SecureMemory posix = new PosixSecureMemoryProvider().get();
        report("pid", ProcessHandle.current().pid());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            report("terminal", terminal.getClass().getSimpleName());
            terminal.setSize(new Size(160, 40)); // script's pty starts at 0x0 when its own input is a pipe
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            KEPT.add(reader.readLine("control> "));
            report("sttyBefore", stty());
            SecretLine line = SecretLines.factory(posix).create();
            KEPT.add(line);
            PromptOutcome outcome = JLineSecretPrompt.read(terminal, prompt, line,
                    PromptOptions.defaults().withPrompt("secret> "));
            report("sttyAfter", stty());
            report("outcome", outcome);
            reportMasked(posix, line);
            String after = reader.readLine("after> ");
            report("after", after);
            report("held", "yes");
            reader.readLine("hold> ");
            line.close();
        }
        report("done", "yes");
    }

    private static void reportMasked(SecureMemory memory, SecretLine line) {
        int n = line.byteLength();
        byte[] pad = new byte[n];
        new SecureRandom().nextBytes(pad);
        byte[] masked = new byte[n];
        try (SecureBuffer copy = memory.allocate(Math.max(1, n))) {
            line.copyTo(copy, 0);
            for (int i = 0; i < n; i++) {
                masked[i] = (byte) (copy.get(i) ^ pad[i]);
            }
        }
        report("pad", HexFormat.of().formatHex(pad));
        report("masked", HexFormat.of().formatHex(masked));
    }

    private static String stty() throws Exception {
        Process p = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return out;
    }

    private static void report(String key, Object value) {
        System.out.print("\r\n@@" + key + "=" + value + "\r\n");
        System.out.flush();
    }
}
