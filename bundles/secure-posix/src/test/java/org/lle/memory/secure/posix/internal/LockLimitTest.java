package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.testsupport.KernelStatus;

/**
 * RLIMIT_MEMLOCK without CAP_IPC_LOCK (child JVMs under prlimit + setpriv). Under 8 MiB: how many 64-byte
 * secrets are locked before the first unlocked one (the goal: 100,000). Under a small limit the arena
 * shrinks its chunks until one fits, so buffers are still locked; at a zero limit nothing is.
 */
class LockLimitTest {

    @Test
    void underA64KiBLimitChunksShrinkUntilTheyLock() throws Exception {
        String out = runChild(65536);
        assertThat(out).contains("ipcLock=false", "locked=true", "vmLck=65536", "degraded=false");
    }

    @Test
    void underAOnePageLimitTheSmallestChunkLocksAndUnderNoneNothingDoes() throws Exception {
        String out = runChild(4096); // the 64-byte class's smallest chunk is one page; the probe holds none
        assertThat(out).contains("ipcLock=false", "locked=true", "vmLck=4096");
        String none = runChild(0);
        assertThat(none).contains("ipcLock=false", "locked=false", "vmLck=0", "degraded=true", "EPERM");
    }

    @Test
    void underTheDefault8MiBLimit100000SecretsAreLockedAndWeCountHowManyFit() throws Exception {
        String out = runChild(8L * 1024 * 1024, "capacity");
        assertThat(out).contains("ipcLock=false");
        long fitted = Long.parseLong(value(out, "lockedSecrets"));
        long vmLck = Long.parseLong(value(out, "vmLckAtLimit"));
        assertThat(fitted).as("64-byte secrets locked before the first unlocked one").isGreaterThanOrEqualTo(100_000);
        assertThat(vmLck).as("the kernel enforced the limit").isLessThanOrEqualTo(8L * 1024 * 1024);
        assertThat(value(out, "firstUnlockedDegraded")).as("the first unlocked buffer makes info() degraded")
                .isEqualTo("true");
    }

    private static String value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + key + " in " + out);
    }

    private static String runChild(long memlock, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("prlimit", "--memlock=" + memlock + ":" + memlock, "setpriv",
                "--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock", java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), Child.class.getName());
        command = new java.util.ArrayList<>(command);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("child output: %s", out).isZero();
        System.out.println("memlock=" + memlock + ": " + out.replace('\n', ' '));
        return out;
    }

    /** Runs in the child: allocates one 64-byte buffer and reports what the kernel and the provider say. */
    public static final class Child {
        public static void main(String[] args) {
            if (args.length > 0 && args[0].equals("capacity")) {
                capacity();
                return;
            }
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                long before = KernelStatus.vmLckBytes();
                SecureBuffer buffer = memory.allocate(64);
                System.out.println("ipcLock=" + PlatformProbe.hasCapIpcLock());
                System.out.println("locked=" + buffer.isLocked());
                System.out.println("vmLck=" + (KernelStatus.vmLckBytes() - before));
                System.out.println("degraded=" + memory.info().degraded() + " " + memory.info().degradationReason());
                buffer.close();
            }
        }

        /** Allocates 64-byte secrets until one comes back unlocked: how many fit under the limit. */
        private static void capacity() {
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                System.out.println("ipcLock=" + PlatformProbe.hasCapIpcLock());
                List<SecureBuffer> held = new java.util.ArrayList<>();
                long locked = 0;
                while (locked < 200_000) {
                    SecureBuffer buffer = memory.allocate(64);
                    held.add(buffer);
                    if (!buffer.isLocked()) {
                        break;
                    }
                    locked++;
                }
                System.out.println("lockedSecrets=" + locked);
                System.out.println("vmLckAtLimit=" + KernelStatus.vmLckBytes());
                System.out.println("firstUnlockedDegraded=" + memory.info().degraded());
                held.forEach(SecureBuffer::close);
            }
        }
    }
}
