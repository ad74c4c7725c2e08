package org.lle.memory.launcher.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.broker.internal.ProviderTraits;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/** What {@code lle:status} says about the broker's safety and the provider's idle locked memory. */
class StatusReportTest {

    @Test
    void theBrokerLineShowsThePolicyMovesIntoAndOutOfDegradedMemoryAndLostBuffers() {
        HotSwapBroker broker = new HotSwapBroker();
        RecordingSecureMemory locked = new RecordingSecureMemory("locked-like");
        broker.bind(locked, new ProviderTraits(1000, 1, false));
        SecureBuffer first = broker.allocate(8);
        SecureBuffer second = broker.allocate(8);
        NoopSecureMemory noop = new NoopSecureMemory();
        broker.bind(noop, new ProviderTraits(2000, 2, true)); // both move into degraded memory
        broker.unbind(noop); // and back out
        broker.unbind(locked); // nowhere to go: both lost

        assertThat(StatusReport.brokerSafety(broker, null)).isEqualTo("degraded-memory policy: ALLOW (default); "
                + "buffers moved into degraded memory: 2, out of it: 2; lost buffers: 2");
        assertThat(StatusReport.brokerSafety(broker, "REFUSE")).startsWith("degraded-memory policy: REFUSE;");
        assertThat(StatusReport.brokerSafety(broker, "sometimes")).startsWith("degraded-memory policy: configured "
                + "\"sometimes\" is invalid (refused; the broker kept its previous policy, see its log);");
        assertThat(first.isClosed() && second.isClosed()).isTrue();
    }

    @Test
    void theProviderLineShowsIdleLockedBytes() {
        SecureMemoryInfo info = new SecureMemoryInfo("posix", false, "", Set.of(), 3 * 4096, Long.MAX_VALUE, 4096);
        assertThat(StatusReport.lockedBytes(info)).isEqualTo("locked by provider: " + Units.bytes(3 * 4096)
                + " (idle, no live buffer in it: " + Units.bytes(4096) + ")");
    }
}
