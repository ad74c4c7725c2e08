package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Degraded paths, in child JVMs the kernel really restricts: RLIMIT_MEMLOCK lowered with prlimit and
 * CAP_IPC_LOCK dropped with setpriv (root ignores the limit otherwise). Each run proves from
 * /proc/self/status that the child lacked the capability, then checks the result codes (EPERM ->
 * PERMISSION_DENIED, ENOMEM -> OUT_OF_MEMORY), info(), that allocate and the wipes still work, and that
 * nothing crashed. The control is the same probe run privileged.
 */
class DegradedModeTest {
    private static final long MIB = 1 << 20;
    /** Larger than every limit used here. */
    private static final long LARGE = 16 * MIB;

    @Test
    void controlPrivilegedChildLocksEverything() {
        Map<String, String> v = probe(null);
        check(v, "ipcLockCap", "control runs with CAP_IPC_LOCK (the tests run as root)")
                .isEqualTo("true");
        check(v, "degraded", "").isEqualTo("false");
        check(v, "capabilities", "").contains("MLOCK");
        check(v, "lockLimitBytes", "CAP_IPC_LOCK makes the limit irrelevant")
                .isEqualTo(Long.toString(Long.MAX_VALUE));
        check(v, "enableOnePage", "").isEqualTo("SUCCESS");
        check(v, "enableLarge", "control: 16 MiB locks with the capability").isEqualTo("SUCCESS");
        check(v, "allocLocked", "").isEqualTo("true");
        assertWipesAndAllocateWork(v);
    }

    @Test
    void zeroLimitWithoutCapabilityIsPermissionDeniedAndDegraded() {
        Map<String, String> v = probe(0L);
        assertUnprivileged(v, 0);
        check(v, "degraded", "").isEqualTo("true");
        check(v, "reason", "degradation reason names the errno").contains("EPERM");
        check(v, "capabilities", "").doesNotContain("MLOCK").contains("SECURE_WIPE");
        check(v, "enableOnePage", "mlock with a zero limit is EPERM").isEqualTo("PERMISSION_DENIED");
        check(v, "enableLarge", "").isEqualTo("PERMISSION_DENIED");
        check(v, "allocLocked", "allocate still works, unlocked").isEqualTo("false");
        check(v, "degradedAfterAlloc", "").isEqualTo("true");
        check(v, "lockedBytesAfterAlloc", "").isEqualTo("0");
        assertWipesAndAllocateWork(v);
    }

    @Test
    void smallLimitWithoutCapabilityLocksASecretButNotALargeRegion() {
        long limit = 64 * 1024;
        Map<String, String> v = probe(limit);
        assertUnprivileged(v, limit);
        check(v, "degraded", "one page can be locked, so not degraded before any allocation").isEqualTo("false");
        check(v, "capabilities", "").contains("MLOCK");
        check(v, "enableOnePage", "one page fits in 64 KiB").isEqualTo("SUCCESS");
        check(v, "disableOnePage", "").isEqualTo("SUCCESS");
        check(v, "enableLarge", "16 MiB over a 64 KiB limit is ENOMEM").isEqualTo("OUT_OF_MEMORY");
        check(v, "allocLocked", "the arena shrinks its chunks to fit the limit").isEqualTo("true");
        check(v, "degradedAfterAlloc", "").isEqualTo("false");
        assertThat(Long.parseLong(v.get("lockedBytesAfterAlloc")))
                .as("the buffer is closed: its 64 KiB chunk is no spare, spares hold at most 1/8 of the limit; %s", v)
                .isZero();
        assertWipesAndAllocateWork(v);
    }

    @Test
    void defaultLimitWithoutCapabilityLocksSecretsButNotMoreThanTheLimit() {
        long limit = 8 * MIB;
        Map<String, String> v = probe(limit);
        assertUnprivileged(v, limit);
        check(v, "degraded", "locking works within 8 MiB: not degraded").isEqualTo("false");
        check(v, "capabilities", "").contains("MLOCK");
        check(v, "enableOnePage", "").isEqualTo("SUCCESS");
        check(v, "enableLarge", "16 MiB over the 8 MiB limit is ENOMEM").isEqualTo("OUT_OF_MEMORY");
        check(v, "allocLocked", "").isEqualTo("true");
        assertThat(Long.parseLong(v.get("lockedBytesAfterAlloc"))).isPositive().isLessThanOrEqualTo(limit);
        assertWipesAndAllocateWork(v);
    }

    @Test
    void strictProviderThrowsWithTheCauseInsteadOfHandingOutAnUnlockedBuffer() {
        Map<String, String> v = probe(0L, "-Dlle.secure.posix.strict=true");
        assertUnprivileged(v, 0);
        check(v, "allocThrew", "strict: allocate throws SecureMemoryException").isEqualTo("PERMISSION_DENIED");
        check(v, "allocMessage", "").contains("EPERM");
        assertThat(v).as("no buffer was handed out").doesNotContainKey("allocLocked");
        check(v, "degradedAfterAlloc", "").isEqualTo("true");
        assertWipesWork(v);
    }

    @Test
    void memfdSecretBackendFallsBackToUnlockedBuffersAtAZeroLimit() {
        Map<String, String> v = probe(0L, "-Dlle.secure.posix.memfdSecret=true");
        assertUnprivileged(v, 0);
        check(v, "allocLocked", "memfd_secret is refused (EAGAIN) and mlock too (EPERM): unlocked")
                .isEqualTo("false");
        check(v, "degradedAfterAlloc", "").isEqualTo("true");
        assertWipesAndAllocateWork(v);
    }

    /** The kernel really restricted the child: no CAP_IPC_LOCK in CapEff, the limit as set; info() agrees. */
    private static void assertUnprivileged(Map<String, String> v, long limit) {
        assertThat(Long.parseUnsignedLong(v.get("capEff"), 16) & (1L << KernelStatus.CAP_IPC_LOCK))
                .as("CapEff %s must lack bit 14 (CAP_IPC_LOCK)", v.get("capEff")).isZero();
        check(v, "memlockLimit", "").isEqualTo(Long.toString(limit));
        check(v, "provider", "").isEqualTo("posix");
        check(v, "lockLimitBytes", "info().lockLimitBytes is RLIMIT_MEMLOCK")
                .isEqualTo(Long.toString(limit));
    }


    private static void assertWipesAndAllocateWork(Map<String, String> v) {
        assertThat(v).as("non-strict allocate never throws").doesNotContainKey("allocThrew");
        check(v, "allocRoundTrip", "").isEqualTo("true");
        check(v, "allocClearZero", "").isEqualTo("true");
        assertWipesWork(v);
    }

    private static void assertWipesWork(Map<String, String> v) {
        check(v, "clearDirect", "").isEqualTo("SUCCESS");
        check(v, "clearDirectZero", "").isEqualTo("true");
        check(v, "clearBytes", "").isEqualTo("SUCCESS");
        check(v, "clearBytesZero", "").isEqualTo("true");
        check(v, "clearChars", "").isEqualTo("SUCCESS");
        check(v, "clearCharsZero", "").isEqualTo("true");
        check(v, "done", "").isEqualTo("true");
    }

    private static AbstractStringAssert<?> check(Map<String, String> v, String key, String meaning) {
        return assertThat(v.get(key)).as("%s %s; the probe said %s", key, meaning, v);
    }

    /** @param memlock the RLIMIT_MEMLOCK to set with CAP_IPC_LOCK dropped, or {@code null} for the control */
    private static Map<String, String> probe(Long memlock, String... jvmOptions) {
        ChildJvm.Builder builder = ChildJvm.of(DegradedProbeChild.class).args(LARGE);
        for (String option : jvmOptions) {
            builder.jvmOption(option);
        }
        if (memlock != null) {
            builder.wrappedBy("prlimit", "--memlock=" + memlock + ":" + memlock, "--core=0",
                    RequiredTools.path("setpriv").toString(), "--bounding-set", "-ipc_lock",
                    "--inh-caps", "-ipc_lock");
        }
        try (ChildJvm child = builder.start()) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            if (exit != 0) {
                fail("the probe must not crash or throw, exit %d%n%s", exit, why);
            }
            System.out.println("degraded probe memlock=" + memlock + " " + String.join(" ", jvmOptions) + ": "
                    + child.values());
            Map<String, String> v = child.values();
            assertThat(v).as(why).containsKey("done");
            return v;
        }
    }
}
