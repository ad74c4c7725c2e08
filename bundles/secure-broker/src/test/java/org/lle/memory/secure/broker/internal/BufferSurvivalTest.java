package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lle.memory.secure.broker.internal.HotSwapBrokerTest.pattern;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.testsupport.LogCapture;

/**
 * Issue 9 items 1 and 2 in plain Java: a buffer is lost only when no registered provider can hold it, a loss is
 * counted and explained, and moves into and out of degraded memory are counted and logged at WARNING.
 */
class BufferSurvivalTest {
    private static final int LARGE = 100_000;

    private final HotSwapBroker broker = new HotSwapBroker();
    private final NoopSecureMemory noop = new NoopSecureMemory();
    /** Like the POSIX provider before its dedicated mappings: not degraded, 64 KiB at most. */
    private final LimitedProvider small = new LimitedProvider("small", 64 * 1024, false);

    @Test
    void aBufferWhoseProviderGoesMovesToAnyRegisteredProviderThatCanHoldItNotOnlyTheCurrentOne() {
        LimitedProvider otherNoop = new LimitedProvider("other-noop", NoopSecureMemory.MAX_ALLOCATION_SIZE, true);
        broker.bind(noop);
        SecureBuffer large = broker.allocate(LARGE);
        large.write(0, pattern(LARGE, 5), 0, LARGE);
        broker.bind(otherNoop); // the large buffer moves into other-noop
        broker.bind(small); // the best now, but it cannot take 100,000 bytes: the buffer stays in other-noop

        broker.unbind(otherNoop); // noop is still registered and can hold it

        assertThat(large.isClosed()).isFalse();
        assertThat(large.contentEquals(pattern(LARGE, 5))).isTrue();
        assertThat(broker.lostBuffers()).isZero();
        assertThat(broker.liveBuffers()).isEqualTo(1);
        assertThat(broker.info().provider()).as("the current provider does not change").isEqualTo("small");
    }

    @Test
    void aBufferNoRegisteredProviderCanHoldIsLostCountedLoggedAndSaysWhy() {
        broker.bind(noop);
        SecureBuffer large = broker.allocate(LARGE);
        SecureBuffer fits = broker.allocate(64);
        large.write(0, pattern(LARGE, 5), 0, LARGE);
        broker.bind(small);
        try (LogCapture log = LogCapture.of(HotSwapBroker.class.getName())) {
            broker.unbind(noop);

            assertThat(large.isClosed()).isTrue();
            assertThat(fits.isClosed()).as("the small one moved on the swap").isFalse();
            assertThat(broker.lostBuffers()).isEqualTo(1);
            assertThat(broker.liveBuffers()).isEqualTo(1);
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains("100000 bytes")
                    .contains("lost"));
        }
        assertThatThrownBy(() -> large.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("100000 bytes").hasMessageContaining("noop went away")
                .hasMessageContaining("small (at most 65536 bytes)");
    }

    @Test
    void movesIntoAndOutOfDegradedMemoryAreCountedAndLoggedAtWarning() {
        broker.bind(small);
        SecureBuffer[] buffers = {broker.allocate(16), broker.allocate(32), broker.allocate(4096)};
        try (LogCapture log = LogCapture.of(HotSwapBroker.class.getName())) {
            broker.bind(noop);
            assertThat(broker.movesIntoDegraded()).isEqualTo(3);
            assertThat(broker.movesOutOfDegraded()).isZero();
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m)
                    .contains("3 buffers moved INTO DEGRADED memory"));

            broker.bind(small);
            assertThat(broker.movesOutOfDegraded()).isEqualTo(3);
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m)
                    .contains("3 buffers moved out of degraded memory"));
        }
        assertThat(broker.movedBuffers()).isEqualTo(6);
        for (SecureBuffer buffer : buffers) {
            buffer.close();
        }
    }
}
