package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryInfo;
import org.junit.jupiter.api.Test;

class DoctorTest {
    private static final String ROOT_STATUS = "CapEff:\t000001ffffffffff\n";
    private static final String NO_IPC_LOCK_STATUS = "CapEff:\t000001ffffffbfff\n";

    private static KernelFiles machine(String limits, String status, String kernel, String secretmem, String core,
            String ptrace, String swaps) {
        return new KernelFiles(Optional.of(limits), Optional.of(status), Optional.of(kernel), Optional.ofNullable(secretmem),
                Optional.of(core), Optional.of("33"), Optional.ofNullable(ptrace), Optional.of(swaps));
    }

    private static String limits(String memlockSoft, String coreSoft) {
        return "Max core file size        " + coreSoft + "  unlimited  bytes\n"
                + "Max locked memory         " + memlockSoft + "  8388608  bytes\n";
    }

    private static Optional<SecureMemoryInfo> posix(SecureCapability... caps) {
        Set<SecureCapability> set = caps.length == 0 ? Set.of() : EnumSet.of(caps[0], caps);
        return Optional.of(new SecureMemoryInfo("posix", false, "", set, 0, 8388608));
    }

    private static final String NO_SWAP = "Filename Type Size Used Priority\n";
    private static final String ONE_SWAP = NO_SWAP + "/swapfile file 1048572 0 -2\n";

    @Test
    void unprivilegedSmallLockLimitIsAWarningWithTheUlimitFix() {
        KernelFiles m = machine(limits("65536", "0"), NO_IPC_LOCK_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP);
        Doctor d = new Doctor(posix(SecureCapability.MLOCK), m);
        Finding memlock = d.memlock();
        assertThat(memlock.level()).isEqualTo(Finding.Level.WARN);
        assertThat(memlock.fact()).contains("soft 64 KiB", "room for about 1024");
        assertThat(memlock.fix()).contains("ulimit -l", "limits.d", "LimitMEMLOCK");
        Finding cap = d.ipcLock();
        assertThat(cap.fact()).contains("lacks bit 14");
        assertThat(cap.fix()).contains("setcap cap_ipc_lock+ep", "AmbientCapabilities=CAP_IPC_LOCK");
    }

    @Test
    void withCapIpcLockTheLimitIsNotEnforced() {
        KernelFiles m = machine(limits("65536", "0"), ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP);
        Doctor d = new Doctor(posix(SecureCapability.MLOCK), m);
        assertThat(d.memlock().level()).isEqualTo(Finding.Level.OK);
        assertThat(d.memlock().fact()).contains("not enforced");
        assertThat(d.ipcLock().level()).isEqualTo(Finding.Level.OK);
    }

    @Test
    void memfdSecretAdviceFollowsKernelAndProvider() {
        String l = limits("unlimited", "0");
        assertThat(new Doctor(posix(SecureCapability.MEMFD_SECRET), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP))
                .memfdSecret().level()).isEqualTo(Finding.Level.OK);
        Finding old = new Doctor(posix(), machine(l, ROOT_STATUS, "5.10.0-21-amd64", null, "core", "1", NO_SWAP)).memfdSecret();
        assertThat(old.level()).isEqualTo(Finding.Level.WARN);
        assertThat(old.fix()).contains("5.14");
        Finding off = new Doctor(posix(), machine(l, ROOT_STATUS, "6.1.0", "N", "core", "1", NO_SWAP)).memfdSecret();
        assertThat(off.level()).isEqualTo(Finding.Level.WARN);
        assertThat(off.fix()).contains("secretmem.enable=1");
        Finding unused = new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP)).memfdSecret();
        assertThat(unused.level()).isEqualTo(Finding.Level.INFO);
        assertThat(unused.fix()).contains("memfdSecret=true", Doctor.POSIX_PID);
    }

    @Test
    void coreDumpsWithoutProtectionAreAWarning() {
        KernelFiles on = machine(limits("unlimited", "unlimited"), ROOT_STATUS, "6.8.0", "Y", "|/usr/lib/systemd/systemd-coredump %P", "1", NO_SWAP);
        Finding unprotected = new Doctor(posix(), on).coreDumps();
        assertThat(unprotected.level()).isEqualTo(Finding.Level.WARN);
        assertThat(unprotected.fact()).contains("piped to /usr/lib/systemd/systemd-coredump");
        assertThat(unprotected.fix()).contains("ulimit -c 0", "Storage=none");
        assertThat(new Doctor(posix(SecureCapability.NO_CORE_DUMP), on).coreDumps().level()).isEqualTo(Finding.Level.OK);
        KernelFiles off = machine(limits("unlimited", "0"), ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP);
        assertThat(new Doctor(posix(), off).coreDumps().fact()).contains("writes no core dump");
    }

    @Test
    void ptraceScope() {
        String l = limits("unlimited", "0");
        Finding noYama = new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", null, NO_SWAP)).ptrace();
        assertThat(noYama.level()).isEqualTo(Finding.Level.WARN);
        assertThat(noYama.fix()).contains("kernel.yama.ptrace_scope=1");
        assertThat(new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "0", NO_SWAP)).ptrace().level())
                .isEqualTo(Finding.Level.WARN);
        assertThat(new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "2", NO_SWAP)).ptrace().level())
                .isEqualTo(Finding.Level.OK);
    }

    @Test
    void swapWithoutLockingIsAWarning() {
        String l = limits("unlimited", "0");
        assertThat(new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "1", ONE_SWAP)).swap().level())
                .isEqualTo(Finding.Level.WARN);
        assertThat(new Doctor(posix(SecureCapability.MLOCK), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "1", ONE_SWAP))
                .swap().level()).isEqualTo(Finding.Level.OK);
        assertThat(new Doctor(posix(), machine(l, ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP)).swap().level())
                .isEqualTo(Finding.Level.OK);
    }

    @Test
    void degradedOrMissingProviderIsAWarning() {
        KernelFiles m = machine(limits("unlimited", "0"), ROOT_STATUS, "6.8.0", "Y", "core", "1", NO_SWAP);
        Finding degraded = new Doctor(Optional.of(new SecureMemoryInfo("noop", true, "no locking here", Set.of(), 0, -1)), m)
                .providerFinding();
        assertThat(degraded.level()).isEqualTo(Finding.Level.WARN);
        assertThat(degraded.fact()).contains("noop is DEGRADED: no locking here");
        assertThat(new Doctor(Optional.empty(), m).providerFinding().level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void theRealMachineGivesEveryFindingWithAFix() {
        assertThat(new Doctor(Optional.empty(), KernelFiles.current()).findings()).hasSize(8)
                .allSatisfy(f -> assertThat(f.fix()).isNotBlank());
    }
}
