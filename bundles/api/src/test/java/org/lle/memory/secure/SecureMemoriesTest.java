package org.lle.memory.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureMemoriesTest {

    @Test
    void detectTakesTheHighestRankingProviderWhoseProbePasses() {
        // test providers in META-INF/services: "best" (ranking 100) fails its probe, "thrower" (50) throws
        // from its probe, "good" (10) works, "weak" (1) works
        SecureMemory chosen = SecureMemories.detect();
        assertThat(chosen.info().provider()).isEqualTo("good");
    }

    @Test
    void providersListsEveryOneWorkingOrNot() {
        assertThat(SecureMemories.providers()).extracting(p -> p.name())
                .containsExactlyInAnyOrder("best", "thrower", "good", "weak");
    }

    @Test
    void infoCopiesCapabilitiesAndNormalisesTheReason() {
        Set<SecureCapability> caps = EnumSet.of(SecureCapability.MLOCK);
        SecureMemoryInfo info = new SecureMemoryInfo("x", false, null, caps, 0, -1);
        caps.add(SecureCapability.CANARIES);
        assertThat(info.capabilities()).containsExactly(SecureCapability.MLOCK);
        assertThat(info.has(SecureCapability.MLOCK)).isTrue();
        assertThat(info.has(SecureCapability.CANARIES)).isFalse();
        assertThat(info.degradationReason()).isEmpty();
        assertThatThrownBy(() -> info.capabilities().add(SecureCapability.CANARIES))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new SecureMemoryInfo("x", true, "why", null, 0, -1).capabilities()).isEmpty();
    }

    @Test
    void resultKnowsSuccess() {
        for (SecureResult r : SecureResult.values()) {
            assertThat(r.isSuccess()).isEqualTo(r == SecureResult.SUCCESS);
        }
    }
}
