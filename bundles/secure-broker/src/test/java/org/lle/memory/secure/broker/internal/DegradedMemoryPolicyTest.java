package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lle.memory.secure.broker.internal.HotSwapBrokerTest.pattern;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.testsupport.LogCapture;

/** What happens to secrets under each {@link DegradedMemoryPolicy}, and when a provider's degradation changes. */
class DegradedMemoryPolicyTest {
    private final HotSwapBroker broker = new HotSwapBroker();
    private final NoopSecureMemory noop = new NoopSecureMemory();
    private final LimitedProvider posixLike = new LimitedProvider("posix-like", 1 << 20, false);

    @Test
    void refuseNeverAllocatesInDegradedMemoryAndSaysWhy() {
        broker.policy(DegradedMemoryPolicy.REFUSE);
        broker.bind(noop, new ProviderTraits(-1000, 1, true));

        assertThatThrownBy(() -> broker.allocate(16)).isInstanceOf(SecureMemoryException.class)
                .hasMessageContaining("degradedMemory=REFUSE").hasMessageContaining("noop")
                .extracting(e -> ((SecureMemoryException) e).result()).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(broker.isAvailable()).isFalse();
        assertThat(broker.info().provider()).isEqualTo("none");
        assertThat(broker.info().degradationReason()).contains("degradedMemory=REFUSE");
        assertThat(broker.maxAllocationSize()).isZero();
        assertThat(broker.secureClear(new byte[] {1})).as("a wipe puts no secret anywhere").isEqualTo(SecureResult.SUCCESS);

        broker.bind(posixLike, new ProviderTraits(1000, 2, false));
        try (SecureBuffer buffer = broker.allocate(16)) {
            assertThat(broker.info().provider()).isEqualTo("posix-like");
            assertThat(buffer.contentEquals(new byte[16])).isTrue();
        }
    }

    @Test
    void refuseWipesABufferWhoseProviderGoesWhenOnlyDegradedMemoryIsLeft() {
        broker.policy(DegradedMemoryPolicy.REFUSE);
        broker.bind(noop, new ProviderTraits(-1000, 1, true));
        broker.bind(posixLike, new ProviderTraits(1000, 2, false));
        SecureBuffer secret = broker.allocate(32);
        secret.write(0, pattern(32, 1), 0, 32);

        try (LogCapture log = LogCapture.of(HotSwapBroker.class.getName())) {
            broker.unbind(posixLike);
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains("32 bytes was lost"));
        }

        assertThat(secret.isClosed()).isTrue();
        assertThat(broker.lostBuffers()).isEqualTo(1);
        assertThat(broker.movesIntoDegraded()).isZero();
        assertThat(broker.liveBuffers()).isZero();
        assertThatThrownBy(() -> secret.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its provider posix-like went away")
                .hasMessageContaining("noop (degraded; refused by degradedMemory=REFUSE)");
    }

    @Test
    void allowMovesIntoDegradedMemoryAndBackCountingEachMove() {
        broker.bind(noop, new ProviderTraits(-1000, 1, true));
        broker.bind(posixLike, new ProviderTraits(1000, 2, false));
        SecureBuffer secret = broker.allocate(32);
        secret.write(0, pattern(32, 1), 0, 32);

        broker.unbind(posixLike);
        assertThat(secret.contentEquals(pattern(32, 1))).isTrue();
        assertThat(broker.movesIntoDegraded()).isEqualTo(1);
        assertThat(broker.lostBuffers()).isZero();

        broker.bind(posixLike, new ProviderTraits(1000, 3, false));
        assertThat(secret.contentEquals(pattern(32, 1))).isTrue();
        assertThat(broker.movesOutOfDegraded()).isEqualTo(1);
        assertThat(broker.swapCount()).isEqualTo(3);
        secret.close();
    }

    @Test
    void switchingToRefuseKeepsBuffersAlreadyInDegradedMemoryAndMovesThemOutWhenItCan() {
        broker.bind(noop, new ProviderTraits(-1000, 1, true));
        SecureBuffer secret = broker.allocate(32);
        secret.write(0, pattern(32, 2), 0, 32);

        broker.policy(DegradedMemoryPolicy.REFUSE);
        assertThat(secret.contentEquals(pattern(32, 2))).as("a policy change wipes nothing").isTrue();
        assertThatThrownBy(() -> broker.allocate(8)).isInstanceOf(SecureMemoryException.class);

        broker.bind(posixLike, new ProviderTraits(1000, 2, false));
        assertThat(broker.movesOutOfDegraded()).isEqualTo(1);
        assertThat(broker.buffersByProvider()).containsEntry("posix-like", 1L).containsEntry("noop", 0L);
        secret.close();
    }

    @Test
    void aProviderThatBecomesDegradedIsLeftUnderRefuseAndItsBuffersMoveToOneThatIsNot() {
        LimitedProvider second = new LimitedProvider("second", 1 << 20, false);
        broker.policy(DegradedMemoryPolicy.REFUSE);
        broker.bind(second, new ProviderTraits(500, 1, false));
        broker.bind(posixLike, new ProviderTraits(1000, 2, false));
        SecureBuffer secret = broker.allocate(64);
        secret.write(0, pattern(64, 3), 0, 64);

        broker.updated(posixLike, new ProviderTraits(1000, 2, true)); // e.g. its lock limit was reached

        assertThat(broker.info().provider()).isEqualTo("second");
        assertThat(broker.buffersByProvider()).containsEntry("second", 1L);
        assertThat(broker.movesOutOfDegraded()).isEqualTo(1);
        assertThat(secret.contentEquals(pattern(64, 3))).isTrue();

        broker.updated(posixLike, new ProviderTraits(1000, 2, false));
        assertThat(broker.info().provider()).isEqualTo("posix-like");
        assertThat(broker.buffersByProvider()).containsEntry("posix-like", 1L);
        assertThat(broker.swapCount()).isEqualTo(3);
        secret.close();
    }

    @Test
    void aBadPolicyNameIsRefusedNamingTheAttributeTheValueAndTheAllowedValues() {
        assertThat(DegradedMemoryPolicy.parse(" refuse ")).isEqualTo(DegradedMemoryPolicy.REFUSE);
        assertThatThrownBy(() -> DegradedMemoryPolicy.parse("SOMETIMES")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degradedMemory=\"SOMETIMES\" is not an allowed value; allowed: ALLOW, REFUSE");
        assertThatThrownBy(() -> DegradedMemoryPolicy.parse("")).hasMessageContaining("degradedMemory=\"\"");
    }
}
