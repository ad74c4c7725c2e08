package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Dictionary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.osgi.PosixProbeComponentAccess;
import org.lle.memory.testsupport.KernelStatus;

/** Detection, the probe's findings, info(), settings and provider shutdown. */
class ProviderTest {

    @Test
    void detectPicksPosixHere() {
        SecureMemory detected = SecureMemories.detect();
        assertThat(detected.info().provider()).isEqualTo("posix");
        assertThat(detected).isInstanceOf(PosixSecureMemory.class);
    }

    @Test
    void theSystemPropertyKeepsTheProviderFromOfferingItself() {
        PosixSecureMemoryProvider provider = new PosixSecureMemoryProvider();
        assertThat(provider.isSupported()).isTrue();
        assertThat(provider.ranking()).isEqualTo(SecureMemoryProperties.RANKING_POSIX);
        assertThat(provider.name()).isEqualTo("posix");
        System.setProperty(SecureMemoryProperties.POSIX_DISABLED, "true");
        try {
            assertThat(provider.isSupported()).isFalse();
        } finally {
            System.clearProperty(SecureMemoryProperties.POSIX_DISABLED);
        }
    }

    @Test
    void theProbeFindsEveryProtectionOnThisMachine() {
        ProbeResult probe = PlatformProbe.get();
        System.out.println("probe: " + probe);
        assertThat(probe.usable()).isTrue();
        assertThat(probe.canLock()).isTrue();
        assertThat(probe.capIpcLock()).as("root here has CAP_IPC_LOCK").isTrue();
        assertThat(probe.lockLimitBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(probe.capabilities(PosixSettings.defaults())).containsExactlyInAnyOrder(SecureCapability.MLOCK,
                SecureCapability.SECURE_WIPE, SecureCapability.NO_CORE_DUMP, SecureCapability.NO_FORK_INHERIT,
                SecureCapability.GUARD_PAGES, SecureCapability.CANARIES);
        assertThat(probe.degradationReason()).isEmpty();
    }

    @Test
    void aRefusedProbeClaimsNothingAndSaysWhy() {
        ProbeResult refused = ProbeResult.refused("not Linux");
        assertThat(refused.capabilities(PosixSettings.defaults())).isEmpty();
        assertThat(refused.degradationReason()).isEqualTo("not Linux");
        assertThatThrownBy(() -> new PosixSecureMemory(PosixSettings.defaults(), refused))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not Linux");
    }

    @Test
    void aProbeThatCannotLockIsDegradedWithTheErrno() {
        ProbeResult real = PlatformProbe.get();
        ProbeResult noLock = new ProbeResult(true, "", real.pageSize(), "mlock of one page failed: EPERM (1)", 1,
                true, true, true, false, 0, false);
        assertThat(noLock.capabilities(PosixSettings.defaults())).doesNotContain(SecureCapability.MLOCK)
                .contains(SecureCapability.NO_CORE_DUMP, SecureCapability.SECURE_WIPE);
        assertThat(noLock.degradationReason()).contains("EPERM").contains("RLIMIT_MEMLOCK 0 bytes")
                .contains("no CAP_IPC_LOCK");
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults(), noLock)) {
            SecureMemoryInfo info = memory.info();
            assertThat(info.degraded()).isTrue();
            assertThat(info.degradationReason()).contains("EPERM");
        }
    }

    @Test
    void infoReportsWhatIsLockedNow() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            SecureMemoryInfo info = memory.info();
            assertThat(info.provider()).isEqualTo("posix");
            assertThat(info.degraded()).isFalse();
            assertThat(info.degradationReason()).isEmpty();
            assertThat(info.lockedBytes()).isZero();
            assertThat(info.lockLimitBytes()).isEqualTo(Long.MAX_VALUE);
            SecureBuffer buffer = memory.allocate(10);
            assertThat(memory.info().lockedBytes()).isEqualTo(PosixSettings.DEFAULT_CHUNK_SIZE);
            buffer.close();
        }
    }

    @Test
    void closingTheProviderClosesItsBuffers() {
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        long baseline = KernelStatus.vmLckBytes();
        SecureBuffer live = memory.allocate(32);
        live.put(0, (byte) 9);
        memory.close();
        assertThat(live.isClosed()).isTrue();
        assertThat(live.isLocked()).isFalse();
        assertThatThrownBy(() -> live.get(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.allocate(8)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(memory.secureClear(new byte[] {1})).isEqualTo(SecureResult.SUCCESS);
        assertThat(memory.info().degradationReason()).contains("closed");
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        memory.close(); // idempotent
    }

    @Test
    void settingsComeFromPropertiesAndBadValuesNameTheLimit() {
        PosixSettings settings = PosixSettings.from(Map.of(PosixSettings.STRICT, "true",
                PosixSettings.MEMFD_SECRET, "true", PosixSettings.CHUNK_SIZE, "65536")::get);
        assertThat(settings).isEqualTo(new PosixSettings(true, true, 65536, false));
        assertThat(PosixSettings.from(name -> null)).isEqualTo(PosixSettings.defaults());
        assertThatThrownBy(() -> PosixSettings.from(Map.of(PosixSettings.CHUNK_SIZE, "100")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100")
                .hasMessageContaining(String.valueOf(PosixSettings.MIN_CHUNK_SIZE));
        assertThatThrownBy(() -> PosixSettings.from(Map.of(PosixSettings.CHUNK_SIZE, "big")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("big");
    }

    @Test
    void smallChunksStillHoldTheLargestBuffer() {
        try (PosixSecureMemory memory = new PosixSecureMemory(new PosixSettings(false, false, 16384, false))) {
            SecureBuffer largest = memory.allocate(memory.maxAllocationSize());
            largest.put(memory.maxAllocationSize() - 1, (byte) 3);
            assertThat(largest.get(memory.maxAllocationSize() - 1)).isEqualTo((byte) 3);
            largest.close();
        }
    }

    @Test
    void osgiServicePropertiesCarryRankingProviderDegradedAndCapabilities() {
        Dictionary<String, Object> props;
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            props = PosixProbeComponentAccess.serviceProperties(memory);
        }
        assertThat(props.get("service.ranking")).isEqualTo(SecureMemoryProperties.RANKING_POSIX);
        assertThat(props.get(SecureMemoryProperties.PROVIDER)).isEqualTo("posix");
        assertThat(props.get(SecureMemoryProperties.DEGRADED)).isEqualTo(Boolean.FALSE);
        assertThat((String[]) props.get(SecureMemoryProperties.CAPABILITIES)).contains("MLOCK", "NO_CORE_DUMP",
                "NO_FORK_INHERIT", "GUARD_PAGES", "CANARIES", "SECURE_WIPE");
    }
}
