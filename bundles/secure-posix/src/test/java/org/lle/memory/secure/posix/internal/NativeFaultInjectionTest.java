package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lle.memory.internal.proc.Smaps;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Fault injection at the native layer: for each libc function the provider calls, each errno it can return,
 * and the first, middle and last call of a workload (as a fault-free run counts them), that one call
 * fails. The workload probes the platform, builds a provider, allocates seven sizes from 1 byte to 300,000
 * (arena classes and dedicated mappings), enables and disables a region, closes half, allocates again, trims,
 * checks, closes all but two buffers and then the provider (which closes those two). Each case checks: no exception but SecureMemoryException from
 * allocate (naming the errno) and result codes; a probe refusal names the errno; every buffer handed out
 * keeps its contents; info() truthful, asked of the kernel (smaps): a buffer reported locked is in a
 * {@code lo} mapping, a claimed MLOCK / NO_CORE_DUMP / NO_FORK_INHERIT holds for every live buffer's
 * mapping ({@code lo} / {@code dd} / {@code dc}), an unlocked buffer makes info degraded with a reason;
 * info().lockedBytes equals what VmLck rose by; VmLck back to the baseline after close.
 *
 * <p>Both backends run: the mlock arena, and memfd_secret (which adds memfd_secret, ftruncate and close).
 * A failed munlock of a region page leaves it locked while the region table counts it unlocked
 * (PageLockTable keeps no record of it): for MUNLOCK faults locked bytes are compared only once the test has
 * unmapped the region.
 * The claim of MEMFD_SECRET itself, and the advice of memfd_secret chunks (MappedChunk.mapSecret), are
 * issue 9 item 4 and not checked here.
 */
class NativeFaultInjectionTest {
    private static final int PAGE = PlatformProbe.get().pageSize();
    private static final int[] SIZES = {1, 40, 64, 4096, 65536, 65537, 300_000};
    private static final Set<SecureResult> REFUSALS = Set.of(SecureResult.OUT_OF_MEMORY,
            SecureResult.PERMISSION_DENIED, SecureResult.RESOURCE_UNAVAILABLE, SecureResult.INVALID_PARAMETER,
            SecureResult.FEATURE_NOT_AVAILABLE);
    /** What each function can return (its man page); the seam makes the call fail with each. */
    private static final Map<NativeCall, int[]> ERRNOS = new EnumMap<>(Map.ofEntries(
            Map.entry(NativeCall.MMAP, new int[] {Errno.ENOMEM, Errno.EAGAIN, Errno.EINVAL, Errno.EPERM}),
            Map.entry(NativeCall.MUNMAP, new int[] {Errno.EINVAL, Errno.ENOMEM}),
            Map.entry(NativeCall.MLOCK, new int[] {Errno.ENOMEM, Errno.EPERM, Errno.EAGAIN, Errno.EINVAL}),
            Map.entry(NativeCall.MUNLOCK, new int[] {Errno.ENOMEM, Errno.EINVAL, Errno.EPERM}),
            Map.entry(NativeCall.MADVISE, new int[] {Errno.EINVAL, Errno.ENOMEM, Errno.EAGAIN, Errno.EPERM}),
            Map.entry(NativeCall.MPROTECT, new int[] {Errno.ENOMEM, Errno.EACCES, Errno.EINVAL}),
            Map.entry(NativeCall.MEMFD_SECRET, new int[] {Errno.ENOSYS, Errno.EMFILE, Errno.ENFILE, Errno.ENOMEM}),
            Map.entry(NativeCall.FTRUNCATE, new int[] {Errno.EINVAL, Errno.EFBIG, Errno.EIO}),
            Map.entry(NativeCall.CLOSE, new int[] {Errno.EBADF, Errno.EINTR, Errno.EIO}),
            Map.entry(NativeCall.GETRLIMIT, new int[] {Errno.EFAULT, Errno.EINVAL}),
            Map.entry(NativeCall.SYSCONF, new int[] {Errno.EINVAL})));
    /** The calls whose order or use the memfd_secret backend changes; the others run with the mlock arena only. */
    private static final NativeCall[] MEMFD_CALLS = {NativeCall.MEMFD_SECRET, NativeCall.FTRUNCATE, NativeCall.CLOSE,
        NativeCall.MMAP, NativeCall.MUNMAP, NativeCall.MADVISE};
    /** {@code -Dlle.faults.everyCall=true}: fail each call of the workload in turn, not only three positions. */
    private static final String EVERY_CALL = "lle.faults.everyCall";
    private static final Map<String, Integer> CASES_PER_CALL = new TreeMap<>();

    @AfterEach
    void disarm() {
        NativeFaults.disarm();
    }

    @AfterAll
    static void report() {
        System.out.println("native fault injection: cases per call site " + CASES_PER_CALL);
    }

    /** Every (backend, call, errno, n) whose call the fault-free workload makes at least n times. */
    static Stream<Arguments> cases() {
        return caseList().stream().map(c -> Arguments.of(c.backend(), c.call(), Errno.describe(c.errno()), c.errno(),
                c.n(), c.made()));
    }

    record Case(String backend, NativeCall call, int errno, long n, long made) {
        @Override
        public String toString() {
            return backend + ": " + call + " call " + n + " of " + made + " fails with " + Errno.describe(errno);
        }
    }

    static List<Case> caseList() {
        List<Case> cases = new ArrayList<>();
        for (boolean memfd : new boolean[] {false, true}) {
            try (RawMemory region = new RawMemory(2 * PAGE)) {
                NativeFaults.count();
                Workload.run(memfd, null, region.buffer(), true);
            } finally {
                NativeFaults.disarm();
            }
            for (NativeCall call : memfd ? MEMFD_CALLS : NativeCall.values()) {
                long made = NativeFaults.calls(call);
                Set<Long> positions = new LinkedHashSet<>();
                if (Boolean.getBoolean(EVERY_CALL)) {
                    for (long n = 1; n <= made; n++) {
                        positions.add(n);
                    }
                }
                for (long n : new long[] {1, (made + 1) / 2, made}) {
                    if (n >= 1 && n <= made) {
                        positions.add(n);
                    }
                }
                for (int errno : ERRNOS.get(call)) {
                    for (long n : positions) {
                        cases.add(new Case(memfd ? "memfd_secret" : "mlock", call, errno, n, made));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}: {1} call {4} of {5} fails with {2}")
    @MethodSource("cases")
    void theProviderStaysUsableOrCleanlyDegradedAndTruthful(String backend, NativeCall call, String name, int errno,
            long n, long made) {
        runCase(new Case(backend, call, errno, n, made));
        CASES_PER_CALL.merge(call.name(), 1, Integer::sum);
    }

    /**
     * The same campaign in a child JVM without CAP_IPC_LOCK under an 8 MiB RLIMIT_MEMLOCK: there the probe
     * reads the limit (getrlimit is called) and the spares are budgeted, paths root never takes.
     */
    @Test
    void theSameCasesUnprivilegedUnderAnEightMiBLockLimit() throws Exception {
        long limit = 8L * 1024 * 1024;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("prlimit", "--memlock=" + limit + ":" + limit, "setpriv", "--bounding-set",
                "-ipc_lock", "--inh-caps", "-ipc_lock", java, "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-D" + EVERY_CALL + "=" + Boolean.getBoolean(EVERY_CALL), "-cp",
                System.getProperty("java.class.path"), UnprivilegedChild.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        List<String> summary = out.lines().filter(l -> l.startsWith("FAIL") || l.startsWith("cases")
                || l.startsWith("ipcLock") || l.startsWith("budget")).toList();
        System.out.println("unprivileged fault injection: " + summary);
        assertThat(process.exitValue()).as("child output: %s", out).isZero();
        assertThat(summary).as(out).contains("ipcLock=false", "budget=" + limit / LockedArena.IDLE_SHARE_OF_LOCK_LIMIT);
        assertThat(summary.stream().filter(l -> l.startsWith("FAIL"))).as(out).isEmpty();
        assertThat(out).contains("GETRLIMIT=");
    }

    /** Runs every case in this (unprivileged) JVM; prints FAIL lines and the cases per call site. */
    public static final class UnprivilegedChild {
        public static void main(String[] args) {
            System.out.println("ipcLock=" + PlatformProbe.hasCapIpcLock());
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                System.out.println("budget=" + memory.idleLockedBudget());
            }
            Map<String, Integer> perCall = new TreeMap<>();
            for (Case c : caseList()) {
                try {
                    runCase(c);
                    perCall.merge(c.call().name(), 1, Integer::sum);
                } catch (Throwable t) {
                    System.out.println("FAIL " + c + ": " + String.valueOf(t).replace('\n', ' '));
                }
            }
            System.out.println("cases per call site " + perCall);
        }
    }

    static void runCase(Case c) {
        long baseline = KernelStatus.vmLckBytes();
        Workload.Result result;
        try (RawMemory region = new RawMemory(2 * PAGE)) {
            NativeFaults.failNth(c.call(), c.n(), c.errno());
            try {
                result = Workload.run(c.backend().equals("memfd_secret"), Errno.describe(c.errno()), region.buffer(),
                        c.call() != NativeCall.MUNLOCK);
            } finally {
                NativeFaults.disarm();
            }
            if (c.call() != NativeCall.MUNLOCK) {
                assertThat(KernelStatus.vmLckBytes()).as("VmLck back to the baseline after close; %s", result)
                        .isEqualTo(baseline);
            }
        }
        assertThat(NativeFaults.injected(c.call())).as("the fault was injected").isEqualTo(1);
        assertThat(KernelStatus.vmLckBytes()).as("VmLck back to the baseline once the region is unmapped too; %s", result)
                .isEqualTo(baseline);
    }

    /** The workload and its checks; with {@code errnoName == null} it is the fault-free counting run. */
    static final class Workload {
        record Result(String outcome, int allocated, int refused) {
        }

        /**
         * @param region two pages for enable/disable, mapped by the test
         * @param regionLockTruthful false when a failed munlock may have left a region page locked: the
         *        region table does not record such a page (PageLockTable), so locked bytes are not compared
         *        after the region was disabled
         */
        static Result run(boolean memfd, String errnoName, ByteBuffer region, boolean regionLockTruthful) {
            long baseline = KernelStatus.vmLckBytes();
            ProbeResult probe = PlatformProbe.run();
            if (!probe.usable()) {
                assertThat(probe.refusal()).as("a refused probe names the errno").contains(errnoName);
                return new Result("probe refused: " + probe.refusal(), 0, 0);
            }
            PosixSettings settings = new PosixSettings(false, memfd, PosixSettings.DEFAULT_CHUNK_SIZE, false);
            List<Held> held = new ArrayList<>();
            int refused = 0;
            int allocated = 0;
            try (PosixSecureMemory memory = new PosixSecureMemory(settings, probe)) {
                Random random = new Random(errnoName == null ? 1 : errnoName.hashCode());
                for (int size : SIZES) {
                    refused += allocate(memory, size, random, held, errnoName) ? 0 : 1;
                }
                check(memory, held, baseline, true);

                SecureResult enabled = memory.enableSecureMode(region);
                assertThat(enabled).isIn(SecureResult.SUCCESS, SecureResult.OUT_OF_MEMORY,
                        SecureResult.PERMISSION_DENIED, SecureResult.RESOURCE_UNAVAILABLE,
                        SecureResult.INVALID_PARAMETER);
                check(memory, held, baseline, true);
                if (enabled.isSuccess()) {
                    assertThat(memory.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
                }

                for (int i = held.size() - 1; i >= 0; i -= 2) {
                    held.remove(i).closeChecked();
                }
                for (int size : new int[] {24, 64, 200_000}) {
                    refused += allocate(memory, size, random, held, errnoName) ? 0 : 1;
                }
                memory.trim();
                check(memory, held, baseline, regionLockTruthful);
                allocated = held.size();
                while (held.size() > 2) { // the last two stay open: the provider's close wipes and frees them
                    held.remove(0).closeChecked();
                }
                SecureMemoryInfo info = memory.info();
                if (regionLockTruthful) {
                    assertThat(info.lockedBytes()).as("two live: %s", info).isEqualTo(KernelStatus.vmLckBytes() - baseline);
                }
            }
            for (Held h : held) {
                assertThat(h.buffer.isClosed()).as("closed with the provider").isTrue();
            }
            return new Result("ran", allocated, refused);
        }

        /** @return false when refused (as documented: SecureMemoryException naming the errno) */
        private static boolean allocate(PosixSecureMemory memory, int size, Random random, List<Held> held,
                String errnoName) {
            try {
                SecureBuffer buffer = memory.allocate(size);
                byte[] content = new byte[size];
                random.nextBytes(content);
                assertThat(buffer.get(size - 1)).as("zero-filled").isZero();
                buffer.write(0, content, 0, size);
                held.add(new Held((ArenaBuffer) buffer, content));
                return true;
            } catch (SecureMemoryException e) {
                if (errnoName == null) {
                    throw e;
                }
                assertThat(e.result()).isIn(REFUSALS);
                assertThat(e.getMessage()).as("the refusal names the errno").contains(errnoName);
                return false;
            }
        }

        private static void check(PosixSecureMemory memory, List<Held> held, long baseline,
                boolean compareLockedBytes) {
            SecureMemoryInfo info = memory.info();
            List<Smaps.Mapping> smaps = KernelSmaps.allMappings(); // one read for all the buffers of a check
            for (Held h : held) {
                assertThat(h.buffer.contentEquals(h.content)).as("contents intact: %s", h.buffer).isTrue();
                long address = h.buffer.slot().address();
                Smaps.Mapping mapping = smaps.stream().filter(m -> m.contains(address)).findFirst()
                        .orElseGet(() -> fail("no mapping holds live buffer %s", h.buffer));
                if (h.buffer.isLocked()) {
                    assertThat(mapping.flags()).as("reported locked: %s", h.buffer).contains("lo");
                } else {
                    assertThat(info.degraded()).as("an unlocked buffer is live: %s", info).isTrue();
                    assertThat(info.degradationReason()).contains("unlocked");
                    assertThat(info.has(SecureCapability.MLOCK)).as("MLOCK not claimed: %s", info).isFalse();
                }
                if (info.has(SecureCapability.MLOCK)) {
                    assertThat(mapping.flags()).as("MLOCK claimed: %s", info).contains("lo");
                }
                if (!h.buffer.slot().chunk.memory.secretMemory) { // memfd_secret chunks: item 4
                    if (info.has(SecureCapability.NO_CORE_DUMP)) {
                        assertThat(mapping.flags()).as("NO_CORE_DUMP claimed: %s", info).contains("dd");
                    }
                    if (info.has(SecureCapability.NO_FORK_INHERIT)) {
                        assertThat(mapping.flags()).as("NO_FORK_INHERIT claimed: %s", info).contains("dc");
                    }
                }
            }
            if (compareLockedBytes) {
                assertThat(info.lockedBytes()).as("info().lockedBytes is what VmLck rose by: %s", info)
                        .isEqualTo(KernelStatus.vmLckBytes() - baseline);
            }
            assertThat(info.degraded()).isEqualTo(!info.degradationReason().isEmpty());
        }
    }

    record Held(ArenaBuffer buffer, byte[] content) {
        void closeChecked() {
            assertThat(buffer.contentEquals(content)).as("contents intact at close").isTrue();
            buffer.close();
            assertThat(buffer.isClosed()).isTrue();
        }

        @Override
        public String toString() {
            return buffer + Arrays.toString(Arrays.copyOf(content, 0));
        }
    }
}
