package org.lle.memory.launcher.internal.host;

import java.nio.file.Path;

/**
 * The command line of the launcher.
 *
 * @param batch run the demo and exit instead of starting the interactive shell
 * @param help print the usage and exit
 * @param posixDisabled keep the POSIX provider from offering itself (framework property)
 * @param secretFromStdin in batch mode, read the demo secret from standard input
 * @param swaps provider stop/start cycles of the batch swap demo
 * @param strict exit with {@link #EXIT_DEGRADED} when the selected provider is degraded
 * @param memfdSecret turn on the POSIX provider's memfd_secret backend (Config Admin) before the status
 * @param bundleDir where the runtime bundles are, or {@code null} for {@code bundles/} next to the jar
 * @param timeoutSeconds how long to wait for the services at start
 * @param soakSeconds run {@code lle:soak} for this long and exit ({@code 0}: no soak)
 * @param soakCsv where the soak writes its samples
 */
public record Options(boolean batch, boolean help, boolean posixDisabled, boolean secretFromStdin, int swaps,
        boolean strict, boolean memfdSecret, Path bundleDir, int timeoutSeconds, int soakSeconds, Path soakCsv) {

    public static final int EXIT_OK = 0;
    /** A demo command failed (its message says why). */
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** {@code --strict} and the selected provider is degraded. */
    public static final int EXIT_DEGRADED = 3;
    /** The host could not start: the framework failed or required services never appeared. */
    public static final int EXIT_HOST = 4;

    static final int DEFAULT_SWAPS = 3;
    static final int MAX_SWAPS = 1000;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** @throws IllegalArgumentException naming the bad argument */
    public static Options parse(String... args) {
        boolean batch = false;
        boolean help = false;
        boolean posixDisabled = false;
        boolean stdin = false;
        boolean strict = false;
        boolean memfd = false;
        int swaps = DEFAULT_SWAPS;
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        Path bundles = null;
        int soak = 0;
        Path soakCsv = Path.of("lle-soak.csv");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--batch" -> batch = true;
                case "-h", "--help" -> help = true;
                case "--no-posix" -> posixDisabled = true;
                case "--secret-from-stdin" -> stdin = true;
                case "--strict" -> strict = true;
                case "--memfd-secret" -> memfd = true;
                case "--swaps" -> swaps = intValue(a, next(args, ++i, a), 1, MAX_SWAPS);
                case "--timeout" -> timeout = intValue(a, next(args, ++i, a), 1, 600);
                case "--bundles" -> bundles = Path.of(next(args, ++i, a));
                case "--soak" -> soak = intValue(a, next(args, ++i, a), 1, 86_400);
                case "--soak-csv" -> soakCsv = Path.of(next(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new Options(batch || soak > 0, help, posixDisabled, stdin, swaps, strict, memfd, bundles, timeout, soak,
                soakCsv);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String option, String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " needs a number, got '" + text + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("option " + option + " must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    public static String usage() {
        return """
                Usage: java -jar lle-memory-launcher.jar [options]

                Starts Apache Felix with SCR, Config Admin, Metatype and the Gogo shell, hosting the
                lle-memory bundles; prints the selected secure-memory provider, then opens the shell.
                Shell commands: lle:status lle:doctor lle:pools lle:secret lle:swap lle:memfd (help lle:<name>)

                Options:
                  --batch              run the demo (status, doctor, pools, secret, swap) and exit
                  --swaps N            provider stop/start cycles in the batch swap demo (default %d)
                  --secret-from-stdin  batch: read the secret from standard input, not the demo value
                  --no-posix           do not use the POSIX provider (framework property
                                       lle.secure.posix.disabled=true; -Dlle.secure.posix.disabled=true works too)
                  --strict             exit with 3 when the selected provider is degraded
                  --memfd-secret       first turn on the POSIX provider's memfd_secret backend (lle:memfd on)
                  --soak SECONDS       run the soak (lle:soak: mixed load, a provider change every 3 s, samples
                                       of RSS, VmLck and mappings) instead of the demo, then exit; 1 if it failed
                  --soak-csv FILE      where the soak writes its samples (default lle-soak.csv)
                  --bundles DIR        bundle directory (default: bundles/ next to the jar)
                  --timeout SECONDS    how long to wait for the services at start (default %d)
                  -h, --help           this text

                Exit codes: 0 ok, 1 a demo command failed, 2 bad usage, 3 degraded with --strict,
                4 the host could not start (framework error or services missing).
                """.formatted(DEFAULT_SWAPS, DEFAULT_TIMEOUT_SECONDS);
    }
}
