package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Idle locked memory (spare chunks) must not starve new secrets: a failing lock takes the spares back, the
 * spares stay within 1/8 of RLIMIT_MEMLOCK, the allocate/close path of a class in use makes no system call,
 * and info() reports the idle bytes. The lock-limit cases run in child JVMs under prlimit without
 * CAP_IPC_LOCK; the rest in this JVM, with the native seam counting calls or failing one.
 */
class IdleLockedMemoryTest {
    /** 24 sizes, 16 B .. 64 KiB: every class of the arena but the 24-byte one. */
    static final int[] SIZES = {16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
        6144, 8192, 12288, 16384, 24576, 32768, 49152, 65536};

    @AfterEach
    void disarm() {
        NativeFaults.disarm();
    }

    @Test
    void under64KiBIdleSparesAreGivenBackSoNewSecretsAreLockedAsInAFreshProvider() throws Exception {
        Map<String, String> v = runChild(64 * 1024);
        assertThat(v.get("ipcLock")).isEqualTo("false");
        assertThat(v.get("sizes")).isEqualTo("24");
        assertThat(v.get("controlLocked")).as("control: a fresh provider locks all 100; %s", v).isEqualTo("100");
        assertThat(v.get("lockedAfterChurn")).as("100 x 40-byte buffers after one allocate+close of 24 sizes; %s", v)
                .isEqualTo("100");
        assertThat(Long.parseLong(v.get("idleAfterChurn"))).as("idle locked bytes within 1/8 of the limit; %s", v)
                .isLessThanOrEqualTo(64 * 1024 / 8);
        assertThat(v.get("largeLocked")).as("1 MiB cannot be locked under 64 KiB: handed out unlocked; %s", v)
                .isEqualTo("false");
        assertThat(v.get("largeDegraded")).isEqualTo("true");
        assertThat(v.get("largeReason")).contains("unlocked", "mlock", "RLIMIT_MEMLOCK 65536 bytes");
        assertThat(v.get("largeCapabilities")).doesNotContain("MLOCK");
        assertThat(v.get("largeIntact")).isEqualTo("true");
        assertThat(v.get("vmLckAfterClose")).as("nothing left locked; %s", v).isEqualTo("0");
    }

    @Test
    void under8MiBIdleLockedBytesStayWithinAnEighthOfTheLimit() throws Exception {
        long limit = 8L * 1024 * 1024;
        Map<String, String> v = runChild(limit);
        assertThat(v.get("ipcLock")).isEqualTo("false");
        long idle = Long.parseLong(v.get("idleAfterChurn"));
        assertThat(idle).as("idle after one allocate+close of 24 sizes; %s", v).isPositive()
                .isLessThanOrEqualTo(limit / LockedArena.IDLE_SHARE_OF_LOCK_LIMIT);
        assertThat(v.get("vmLckIdle")).as("the kernel agrees with info().idleLockedBytes; %s", v)
                .isEqualTo(v.get("idleAfterChurn"));
        assertThat(v.get("lockedAfterChurn")).isEqualTo("100");
        assertThat(v.get("idleAtExhaustion")).as("when nothing more could be locked no spare was left; %s", v)
                .isEqualTo("0");
        assertThat(Long.parseLong(v.get("vmLckAtExhaustion"))).as("the whole limit was used, to the page; %s", v)
                .isGreaterThan(limit - 2 * 4096).isLessThanOrEqualTo(limit);
        assertThat(v.get("largeLocked")).as("1 MiB fits under 8 MiB once the 1 KiB buffers are closed")
                .isEqualTo("true");
        assertThat(v.get("largeDegraded")).as("no unlocked chunk was kept once its buffers closed; %s", v)
                .isEqualTo("false");
        assertThat(v.get("relockedAfterExhaustion")).as("the class of the unlocked buffer locks again; %s", v)
                .isEqualTo("true");
        assertThat(v.get("vmLckAfterClose")).isEqualTo("0");
    }

    @Test
    void aFailingLockTakesEverySpareBackAndIsTriedAgain() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            for (int size : SIZES) {
                memory.allocate(size).close();
            }
            long idle = memory.info().idleLockedBytes();
            assertThat(idle).as("one spare per class (CAP_IPC_LOCK here: not budgeted)").isPositive();
            assertThat(memory.chunkCount()).isEqualTo(SIZES.length);

            NativeFaults.failNth(NativeCall.MLOCK, 1, Errno.ENOMEM); // the next mlock: over the limit
            SecureBuffer buffer = memory.allocate(24); // the one class without a spare: a new chunk
            assertThat(NativeFaults.injected(NativeCall.MLOCK)).isEqualTo(1);
            assertThat(NativeFaults.calls(NativeCall.MLOCK)).as("tried once more after giving the spares back")
                    .isEqualTo(2);
            assertThat(buffer.isLocked()).isTrue();
            assertThat(memory.info().idleLockedBytes()).as("every spare was given back").isZero();
            assertThat(memory.chunkCount()).isEqualTo(1);
            assertThat(memory.info().lockedBytes()).isEqualTo(PosixSettings.DEFAULT_CHUNK_SIZE);
            assertThat(memory.info().degraded()).isFalse();
            buffer.close();
        }
    }

    @Test
    void theAllocateAndClosePathOfAClassInUseMakesNoSystemCall() {
        for (ProbeResult probe : List.of(PlatformProbe.get(), limitedTo(8L * 1024 * 1024))) {
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults(), probe)) {
                memory.allocate(64).close(); // the class gets its chunk, kept as the spare
                SecureBuffer held = memory.allocate(100);
                NativeFaults.count();
                for (int i = 0; i < 10_000; i++) {
                    memory.allocate(64).close(); // the chunk empties and refills each time
                    memory.allocate(100).close(); // a chunk with a live buffer
                }
                long calls = NativeFaults.totalCalls();
                NativeFaults.disarm();
                assertThat(calls).as("native calls in 20,000 allocate+close, lock limit %s", probe.lockLimitBytes())
                        .isZero();
                held.close();
            }
        }
    }

    @Test
    void controlTheSeamSeesTheCallsOfANewChunk() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            NativeFaults.count();
            memory.allocate(64).close();
            assertThat(NativeFaults.calls(NativeCall.MMAP)).isEqualTo(1);
            assertThat(NativeFaults.calls(NativeCall.MLOCK)).isEqualTo(1);
            assertThat(NativeFaults.calls(NativeCall.MADVISE)).isEqualTo(2);
        }
    }

    @Test
    void idleBytesAreReportedAndBudgetedUnderALimit() {
        long limit = 1024 * 1024;
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults(), limitedTo(limit))) {
            assertThat(memory.idleLockedBudget()).isEqualTo(limit / 8);
            long baseline = KernelStatus.vmLckBytes();
            for (int size : SIZES) {
                memory.allocate(size).close();
            }
            long idle = memory.info().idleLockedBytes();
            assertThat(idle).as("256 KiB chunks do not fit a 128 KiB budget").isZero();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        }
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            memory.allocate(64).close();
            assertThat(memory.info().idleLockedBytes()).as("without a limit the class keeps its spare")
                    .isEqualTo(PosixSettings.DEFAULT_CHUNK_SIZE);
            assertThat(KernelStatus.vmLckBytes() - baseline).isEqualTo(PosixSettings.DEFAULT_CHUNK_SIZE);
            SecureBuffer live = memory.allocate(64);
            assertThat(memory.info().idleLockedBytes()).as("the spare is in use again").isZero();
            live.close();
        }
    }

    /** The real probe's findings, but as if RLIMIT_MEMLOCK {@code limit} applied (no CAP_IPC_LOCK). */
    static ProbeResult limitedTo(long limit) {
        ProbeResult p = PlatformProbe.get();
        return new ProbeResult(p.usable(), p.refusal(), p.pageSize(), p.lockFailure(), p.lockErrno(), p.dontDump(),
                p.dontFork(), p.guardPages(), p.memfdSecret(), limit, false);
    }

    private static Map<String, String> runChild(long memlock) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("prlimit", "--memlock=" + memlock + ":" + memlock,
                "setpriv", "--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock", java, "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Child.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(process.exitValue()).as("child output: %s", out).isZero();
        System.out.println("idle child memlock=" + memlock + ": " + out.replace('\n', ' '));
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        assertThat(values).as(out).containsKey("done");
        return values;
    }

    /** In the child: churn 24 sizes, then 100 x 40 bytes; the control is a fresh provider doing the 100. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println("ipcLock=" + PlatformProbe.hasCapIpcLock());
            try (PosixSecureMemory control = new PosixSecureMemory(PosixSettings.defaults())) {
                System.out.println("controlLocked=" + lockedOf100(control));
            }
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                for (int size : SIZES) {
                    memory.allocate(size).close();
                }
                System.out.println("sizes=" + SIZES.length);
                System.out.println("idleAfterChurn=" + memory.info().idleLockedBytes());
                System.out.println("vmLckIdle=" + KernelStatus.vmLckBytes());
                System.out.println("lockedAfterChurn=" + lockedOf100(memory));
                fillUntilUnlocked(memory);
                try (SecureBuffer large = memory.allocate(1024 * 1024)) {
                    System.out.println("largeLocked=" + large.isLocked());
                    System.out.println("largeDegraded=" + memory.info().degraded());
                    System.out.println("largeReason=" + memory.info().degradationReason());
                    System.out.println("largeCapabilities=" + memory.info().capabilities());
                    large.put(large.size() - 1, (byte) 7);
                    large.put(0, (byte) 9);
                    System.out.println("largeIntact=" + (large.get(large.size() - 1) == 7 && large.get(0) == 9));
                }
            }
            System.out.println("vmLckAfterClose=" + KernelStatus.vmLckBytes());
            System.out.println("done=true");
        }

        /** Allocates 1 KiB secrets until one is unlocked: the spares must have been given back by then. */
        private static void fillUntilUnlocked(PosixSecureMemory memory) {
            List<SecureBuffer> held = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                SecureBuffer buffer = memory.allocate(1024);
                held.add(buffer);
                if (!buffer.isLocked()) {
                    System.out.println("filledLocked=" + i);
                    System.out.println("idleAtExhaustion=" + memory.info().idleLockedBytes());
                    System.out.println("vmLckAtExhaustion=" + KernelStatus.vmLckBytes());
                    break;
                }
            }
            java.util.Collections.reverse(held); // the unlocked buffer's chunk empties first
            held.forEach(SecureBuffer::close);
            try (SecureBuffer again = memory.allocate(1024)) {
                System.out.println("relockedAfterExhaustion=" + again.isLocked());
            }
        }

        private static int lockedOf100(PosixSecureMemory memory) {
            List<SecureBuffer> held = new ArrayList<>();
            int locked = 0;
            for (int i = 0; i < 100; i++) {
                SecureBuffer buffer = memory.allocate(40);
                held.add(buffer);
                locked += buffer.isLocked() ? 1 : 0;
            }
            held.forEach(SecureBuffer::close);
            return locked;
        }
    }
}
