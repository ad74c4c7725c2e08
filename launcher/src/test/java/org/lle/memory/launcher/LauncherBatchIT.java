package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged launcher, run as {@code java -jar target/lle-memory-launcher.jar --batch} in child JVMs. */
class LauncherBatchIT {

    @Test
    void batchHostsThePosixProviderAndTheWholeDemoPasses() throws Exception {
        LauncherProcess.Result r = LauncherProcess.batch("--swaps", "2", "--strict");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).doesNotContain("FAILED", "cannot start", "services missing");
        String out = r.out();
        // a batch run installs no interactive shell, so every bundle it installed is active
        assertThat(out).as(r.toString()).containsPattern("(\\d+) of \\1 bundles active").doesNotContain("bundles active (not active");
        // status: the selected provider, its capabilities, the lock limit, broker and pools
        assertThat(out).as(r.toString()).contains(
                "Secure memory provider: posix (ranking 1000",
                "other providers: noop (ranking -1000, degraded)",
                "degraded: no",
                "lock limit: ",
                "Broker (hot-swap-safe buffers): available",
                "Pools: ACTIVE");
        assertThat(out).containsPattern("capabilities: MLOCK, SECURE_WIPE, NO_CORE_DUMP, NO_FORK_INHERIT");
        // doctor, pools
        assertThat(out).contains("lle:doctor - what this machine allows", "RLIMIT_MEMLOCK:", "CAP_IPC_LOCK:",
                "memfd_secret:", "core dumps:", "coredump_filter:", "ptrace:");
        assertThat(out).containsPattern("TOTAL\\s+256\\s+0\\s+256");
        assertThat(out).contains("closed the 256 blocks: now 0 live blocks");
        // secret: into a secret line without a Java copy, stored, the kernel's proof
        assertThat(out).contains("secret: 45 chars from the fixed demo value",
                "in secure memory: a secret line in the broker (provider posix behind it), locked=true", "no Java copy was made on the way",
                "stored: 45-byte secure buffer from the broker (provider posix behind it)",
                "proof locked: isLocked=true", "provider capability NO_CORE_DUMP: yes");
        assertThat(out).containsPattern("(new with this secret|existing): [0-9a-f]+-[0-9a-f]+ .*\\[[a-z ]*\\bdd\\b[a-z ]*\\blo\\b");
        // control for the memfd_secret run below: by default the buffers are plain anonymous locked memory
        assertThat(out).contains("[INFO] memfd_secret:", "'lle:memfd on'").doesNotContain("/secretmem");
        // swap under load
        assertThat(out).contains("swaps: 2 stop/start cycles of posix; provider changes seen by the broker: 4",
                "lost buffers: 0, corrupted buffers: 0", "errors: 0", "RESULT: OK");
        assertThat(out).containsPattern("buffers moved: [1-9]\\d*");
        assertThat(out).containsPattern("time per swap: stop \\(posix out\\) avg [\\d.]+ ms");
        assertThat(out).containsPattern("VmLck before \\d");
    }

    @Test
    void posixDisabledByPropertySelectsTheDegradedNoopAndSaysWhy() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of("-Dlle.secure.posix.disabled=true"), null,
                "--batch", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains(
                "Secure memory provider: noop (ranking -1000",
                "other providers: none",
                "degraded: YES - no-op provider: memory is not locked",
                "capabilities: SECURE_WIPE",
                "[WARN] provider: noop is DEGRADED",
                "proof locked: isLocked=false",
                "NOT locked: this secret could reach swap",
                "lle:swap skipped: noop is the only provider");
    }

    @Test
    void strictRefusesADegradedProvider() throws Exception {
        LauncherProcess.Result r = LauncherProcess.batch("--no-posix", "--strict");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("--strict: the selected secure-memory provider is degraded");
        assertThat(r.out()).contains("Secure memory provider: noop");
    }

    @Test
    void withoutCapIpcLockAndWithA64KiBLockLimitNothingCrashesAndTheDoctorExplainsTheFix() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(
                List.of(LauncherProcess.tool("prlimit"), "--memlock=65536:65536",
                        LauncherProcess.tool("setpriv"), "--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock"),
                List.of(), null, "--batch", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        String out = r.out();
        assertThat(out).as(r.toString()).doesNotContain("hs_err", "SIGSEGV");
        assertThat(out).contains("lock limit: 64 KiB (RLIMIT_MEMLOCK)");
        assertThat(out).containsPattern("\\[INFO\\] CAP_IPC_LOCK: CapEff 0x[0-9a-f]+ \\(/proc/self/status\\) lacks bit 14");
        assertThat(out).contains("[WARN] RLIMIT_MEMLOCK: soft 64 KiB, hard 64 KiB",
                "fix: raise it before starting java: 'ulimit -l", "setcap cap_ipc_lock+ep");
        // whatever the provider manages to lock under 64 KiB, the demo runs through and reports it
        assertThat(out).containsPattern("proof locked: isLocked=(true|false); process VmLck");
        assertThat(out).contains("RESULT: OK", "lost buffers: 0, corrupted buffers: 0");
    }

    /**
     * Standard input a pipe and no controlling terminal ({@code setsid}; with one, the prompt would read the
     * terminal, as documented): the prompt reads the pipe, with the same editing keys.
     */
    @Test
    void aSecretFromStandardInputIsStoredAndNeverPrinted() throws Exception {
        String secret = "stdin-secret-" + Long.toHexString(System.nanoTime());
        LauncherProcess.Result r = LauncherProcess.run(List.of(LauncherProcess.tool("setsid"), "-w"), List.of(),
                secret + "x\u007f\n", "--batch", "--secret-from-stdin", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains(
                "secret: " + secret.length() + " chars from the process's terminal (or its standard input)",
                "no Java copy was made on the way",
                "stored: " + secret.length() + "-byte secure buffer");
        assertThat(r.out() + r.err()).doesNotContain(secret);
    }

    @Test
    void aFailingDemoStepMakesTheBatchExitOneAndTheOtherStepsStillRun() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(LauncherProcess.tool("setsid"), "-w"), List.of(), "",
                "--batch", "--secret-from-stdin", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("lle:secret FAILED: no secret read (empty input)");
        assertThat(r.out()).contains("g! lle:swap --count 1", "RESULT: OK", "g! lle:status");
    }

    @Test
    void memfdSecretSwitchedOnThroughConfigAdminHoldsTheSecretInSecretmem() throws Exception {
        LauncherProcess.Result r = LauncherProcess.batch("--memfd-secret", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains(
                "configuration org.lle.memory.secure.posix: memfdSecret=true",
                "[OK  ] memfd_secret: in use",
                "proof locked: isLocked=true",
                "RESULT: OK");
        assertThat(r.out()).containsPattern("capabilities: MLOCK, .*MEMFD_SECRET");
        // the secret's new mapping is memfd_secret memory, locked and not dumped
        assertThat(r.out()).containsPattern("new with this secret: [0-9a-f]+-[0-9a-f]+ .*/secretmem.*\\[[a-z ]*\\bdd\\b[a-z ]*\\blo\\b");
    }
}
