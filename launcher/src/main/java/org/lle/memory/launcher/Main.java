package org.lle.memory.launcher;

import org.lle.memory.launcher.internal.host.Host;
import org.lle.memory.launcher.internal.host.Options;
import org.lle.memory.launcher.internal.host.Relaunch;

/**
 * {@code java -jar lle-memory-launcher.jar [--batch] [--help] ...}: starts the embedded OSGi host.
 * Exit codes are listed by {@code --help}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lle-memory-launcher: " + e.getMessage());
            System.err.println("try --help");
            System.exit(Options.EXIT_USAGE);
            return;
        }
        if (!options.help() && Relaunch.needed()) {
            System.exit(Relaunch.run(args));
            return;
        }
        if (options.help()) {
            System.out.print(Options.usage());
            return;
        }
        System.exit(new Host(options, System.out, System.err).run());
    }
}
