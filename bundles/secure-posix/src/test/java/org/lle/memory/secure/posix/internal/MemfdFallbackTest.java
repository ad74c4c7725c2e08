package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Item 4 of issue 9: MEMFD_SECRET is claimed only while every buffer really is in secret memory. A child JVM
 * under {@code prlimit --nofile=256:256} takes every descriptor, so memfd_secret(2) fails with EMFILE: the
 * buffer it gets is not secretmem (its /proc/self/maps line says so), and info() must stop claiming
 * MEMFD_SECRET and give the reason; strict refuses instead. Control: the same child with descriptors left
 * free gets a secretmem mapping and keeps the claim.
 */
class MemfdFallbackTest {

    @Test
    void controlAnUnconstrainedChildGetsSecretMemoryAndKeepsTheClaim() {
        Map<String, String> v = run("control", "lenient");
        assertThat(v.get("probeMemfd")).as("memfd_secret works on this kernel").isEqualTo("true");
        assertThat(v.get("mapping")).as("the buffer's mapping").contains("secretmem");
        assertThat(v.get("capabilities")).contains("MEMFD_SECRET");
        assertThat(v.get("degraded")).isEqualTo("false");
    }

    @Test
    void aFallbackToAnonymousMemoryDropsTheClaimAndSaysWhy() {
        Map<String, String> v = run("exhaust", "lenient");
        assertThat(v.get("capabilitiesBefore")).contains("MEMFD_SECRET");
        assertThat(Integer.parseInt(v.get("descriptorsTaken"))).isPositive();
        assertThat(v.get("mapping")).as("the fallback buffer is plain memory").doesNotContain("secretmem");
        assertThat(v.get("capabilities")).as("claim dropped").doesNotContain("MEMFD_SECRET").contains("MLOCK");
        assertThat(v.get("degraded")).isEqualTo("true");
        assertThat(v.get("reason")).contains("memfd_secret").contains("(24)");
    }

    @Test
    void strictRefusesInsteadOfFallingBack() {
        Map<String, String> v = run("exhaust", "strict");
        assertThat(v.get("allocateThrew")).contains("memfd_secret").contains("(24)");
        assertThat(v).doesNotContainKey("mapping");
    }

    private static Map<String, String> run(String mode, String strictness) {
        ChildJvmRun run = ChildJvmRun.wrapped(List.of("prlimit", "--nofile=256:256"),
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"),
                MemfdFallbackChild.class, mode, strictness);
        return parse(run, mode, strictness);
    }

    private static Map<String, String> parse(ChildJvmRun run, String mode, String strictness) {
        System.out.println("memfd child " + mode + " " + strictness + ":\n" + run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(values).as(run.output()).containsEntry("done", "true");
        return values;
    }
}
