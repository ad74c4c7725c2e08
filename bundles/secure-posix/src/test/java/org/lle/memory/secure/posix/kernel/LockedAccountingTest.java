package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Locked, as counted from outside: the child's VmLck in /proc/<pid>/status rises when secrets are
 * allocated or a region is enabled, by exactly what info().lockedBytes claims, and falls back on close /
 * disable. Two regions on one page keep it locked until both are disabled (per-page count). The control:
 * plain direct buffers do not move VmLck.
 *
 * <p>The arena may keep one empty chunk per size class as a spare (so churn maps nothing): after closing
 * every secret VmLck must be back at the baseline or exactly one chunk above it, and stay there cycle after
 * cycle. A second cycle of the same secrets must lock no more than the first.
 */
class LockedAccountingTest {
    private static final int SECRETS = 10_000;
    private static final int SECRET_SIZE = 64;
    /** The goal: 100,000 live 64-byte secrets inside the default 8 MiB RLIMIT_MEMLOCK. */
    private static final double MAX_LOCKED_BYTES_PER_SECRET = 8.0 * 1024 * 1024 / 100_000;

    @Test
    void vmLckFollowsSecretsAndRegionsAndNotPlainBuffers() {
        try (ChildJvm child = ChildJvm.of(LockAccountingChild.class).start()) {
            child.awaitLine("READY", ChildJvm.DEFAULT_TIMEOUT);
            assertThat(child.value("provider")).as(child.describe()).isEqualTo("posix");
            Kernel kernel = new Kernel(child);

            step(child, "alloc 1");
            long oneChunk = kernel.risen();
            assertThat(oneChunk).as("the first secret locks one arena chunk").isPositive();
            kernel.assertClaimMatches();
            step(child, "close");
            long spare = kernel.risen();
            assertThat(spare).as("after close: back to baseline, or one spare chunk (%d KiB)", oneChunk)
                    .isIn(0L, oneChunk);
            kernel.assertClaimMatches();

            long firstCycle = allocateAndClose(child, kernel, oneChunk, spare);
            long secondCycle = allocateAndClose(child, kernel, oneChunk, spare);
            assertThat(secondCycle).as("the second cycle locks no more than the first").isEqualTo(firstCycle);
            System.out.printf("VmLck: baseline %d KiB; 1 secret +%d KiB (one chunk); after close +%d KiB; "
                    + "%d secrets of %d B +%d KiB (%.1f locked B per secret), same in a second cycle%n",
                    kernel.baseline, oneChunk, spare, SECRETS, SECRET_SIZE, firstCycle,
                    firstCycle * 1024.0 / SECRETS);

            step(child, "plain " + SECRETS);
            assertThat(kernel.risen()).as("control: plain direct buffers do not move VmLck").isEqualTo(spare);

            long span = Long.parseLong(child.value("largeSpanKiB"));
            assertThat(step(child, "enable-large")).isEqualTo("SUCCESS");
            assertThat(kernel.risen() - spare).as("enable locks exactly the pages under 1 MiB").isEqualTo(span);
            kernel.assertClaimMatches();
            assertThat(step(child, "disable-large")).isEqualTo("SUCCESS");
            assertThat(kernel.risen()).as("disable unlocks them").isEqualTo(spare);
            kernel.assertClaimMatches();

            assertThat(step(child, "enable-a")).isEqualTo("SUCCESS");
            assertThat(kernel.risen() - spare).as("one page locked for region A").isEqualTo(4);
            assertThat(step(child, "enable-b")).isEqualTo("SUCCESS");
            assertThat(kernel.risen() - spare).as("region B shares A's page").isEqualTo(4);
            assertThat(step(child, "disable-a")).isEqualTo("SUCCESS");
            assertThat(kernel.risen() - spare).as("B still holds the shared page locked").isEqualTo(4);
            kernel.assertClaimMatches();
            assertThat(step(child, "disable-b")).isEqualTo("SUCCESS");
            assertThat(kernel.risen()).as("last region disabled: page unlocked").isEqualTo(spare);
            kernel.assertClaimMatches();

            child.send("exit");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(child.describe()).isZero();
        }
    }

    /** @return the VmLck rise (KiB) with {@link #SECRETS} live secrets; checks it and the fall after close */
    private static long allocateAndClose(ChildJvm child, Kernel kernel, long oneChunk, long spare) {
        step(child, "alloc " + SECRETS);
        long risen = kernel.risen();
        assertThat(child.value("allLocked")).as(child.describe()).isEqualTo("true");
        assertThat(risen * 1024).as("VmLck rises by at least the secrets' bytes")
                .isGreaterThanOrEqualTo((long) SECRETS * SECRET_SIZE);
        assertThat(risen * 1024).as("within the 100,000-secrets-in-8-MiB budget, plus one chunk of rounding")
                .isLessThanOrEqualTo((long) (SECRETS * MAX_LOCKED_BYTES_PER_SECRET) + oneChunk * 1024);
        kernel.assertClaimMatches();
        step(child, "close");
        assertThat(kernel.risen()).as("VmLck falls back after close").isEqualTo(spare);
        kernel.assertClaimMatches();
        return risen;
    }

    /** @return the step's {@code result=} (or {@code ""}) once the child acknowledged it */
    private static String step(ChildJvm child, String command) {
        child.send(command);
        child.awaitLine("ack=" + command, ChildJvm.DEFAULT_TIMEOUT);
        return child.values().getOrDefault("result", "");
    }

    /** The child's VmLck as the kernel counts it, against the baseline taken before any allocation. */
    private static final class Kernel {
        private final ChildJvm child;
        private final String pid;
        private final long baseline;
        private final long claimedBaseline;

        Kernel(ChildJvm child) {
            this.child = child;
            this.pid = Long.toString(child.pid());
            this.baseline = KernelStatus.vmLckBytes(pid) / 1024;
            this.claimedBaseline = Long.parseLong(child.value("lockedBytes"));
        }

        long risen() {
            return KernelStatus.vmLckBytes(pid) / 1024 - baseline;
        }

        /** info().lockedBytes moved exactly as VmLck did. */
        void assertClaimMatches() {
            long claimed = Long.parseLong(child.value("lockedBytes")) - claimedBaseline;
            assertThat(claimed).as("info().lockedBytes rise equals the VmLck rise").isEqualTo(risen() * 1024);
        }
    }
}
