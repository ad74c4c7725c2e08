package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/** A provider swap or unbind while an access is open on a brokered buffer: nothing moves under it, nothing lost. */
class BrokeredAccessTest {
    private static final int SIZE = 48;
    private final HotSwapBroker broker = new HotSwapBroker();
    private final RecordingSecureMemory a = new RecordingSecureMemory("a");
    private final RecordingSecureMemory b = new RecordingSecureMemory("b");

    @Test
    void aSwapLeavesABufferWithAnOpenAccessWhereItIsAndItMovesWhenTheAccessCloses() throws Exception {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(SIZE);
        SecureBuffer other = broker.allocate(SIZE);
        SecureBuffer.Access access = buffer.access();
        access.write(0, HotSwapBrokerTest.pattern(SIZE, 3), 0, SIZE);

        CompletableFuture.runAsync(() -> broker.bind(b)).get(20, TimeUnit.SECONDS); // does not wait for the access
        assertThat(b.openBuffers()).as("the other buffer moved").isEqualTo(1);
        assertThat(a.openBuffers()).as("the buffer with the open access stayed").isEqualTo(1);
        access.put(0, (byte) 99); // still the same memory, in a
        access.close();

        assertThat(a.openBuffers()).as("moved once the access closed").isZero();
        assertThat(b.openBuffers()).isEqualTo(2);
        byte[] expected = HotSwapBrokerTest.pattern(SIZE, 3);
        expected[0] = 99;
        byte[] content = new byte[SIZE];
        buffer.read(0, content, 0, SIZE);
        assertThat(content).isEqualTo(expected);
        assertThat(broker.lostBuffers()).isZero();
        buffer.close();
        other.close();
    }

    @Test
    void anUnbindWaitsForTheOpenAccessThenMovesTheBufferNothingLost() throws Exception {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(SIZE);
        broker.bind(b);
        broker.unbind(b); // the buffer is back in a, b is gone: bind a provider that a's buffers can go to
        RecordingSecureMemory c = new RecordingSecureMemory("c");
        SecureBuffer.Access access = buffer.access();
        access.write(0, HotSwapBrokerTest.pattern(SIZE, 5), 0, SIZE);
        broker.bind(c); // deferred: the access is open
        assertThat(a.openBuffers()).isEqualTo(1);

        CompletableFuture<Void> unbind = CompletableFuture.runAsync(() -> broker.unbind(a));
        Thread.sleep(200); // gives a rescue that did not wait the time to move or lose the buffer
        assertThat(unbind).as("the rescue waits for the access").isNotDone();
        assertThat(buffer.isClosed()).isFalse();
        access.put(1, (byte) 77);
        access.close();
        unbind.get(20, TimeUnit.SECONDS);

        assertThat(a.openBuffers()).isZero();
        assertThat(c.openBuffers()).isEqualTo(1);
        assertThat(broker.lostBuffers()).isZero();
        byte[] expected = HotSwapBrokerTest.pattern(SIZE, 5);
        expected[1] = 77;
        byte[] content = new byte[SIZE];
        buffer.read(0, content, 0, SIZE);
        assertThat(content).isEqualTo(expected);
        buffer.close();
    }
}
