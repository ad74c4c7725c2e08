package org.lle.memory.launcher.internal.host;

import java.util.List;

/**
 * The command lines of {@code --batch}: every lle:* command once, ending with the status after the demo; with
 * {@code --soak}, the soak and the status after it.
 */
final class BatchDemo {
    static final int POOL_EXERCISE_BLOCKS = 256;

    private BatchDemo() {
    }

    static List<String> commands(Options options) {
        if (options.soakSeconds() > 0) {
            return List.of("lle:soak --seconds " + options.soakSeconds() + " --csv '" + options.soakCsv() + "'",
                    "lle:status");
        }
        return List.of(
                "lle:doctor",
                "lle:pools --exercise " + POOL_EXERCISE_BLOCKS,
                options.secretFromStdin() ? "lle:secret" : "lle:secret --demo",
                "lle:swap --count " + options.swaps(),
                "lle:status");
    }
}
