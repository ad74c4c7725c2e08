package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.testkit.RecordingSecureMemory;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/** Swaps, the last provider going away, failed moves and region routing, one at a time. */
class HotSwapBrokerTest {
    private final HotSwapBroker broker = new HotSwapBroker();
    private final RecordingSecureMemory a = new RecordingSecureMemory("a");
    private final RecordingSecureMemory b = new RecordingSecureMemory("b");

    @Test
    void withoutAProviderAllocateFailsClearlyAndInfoSaysNone() {
        assertThat(broker.isAvailable()).isFalse();
        assertThatThrownBy(() -> broker.allocate(16)).isInstanceOf(SecureMemoryException.class)
                .hasMessageContaining("no secure-memory provider is bound")
                .extracting(e -> ((SecureMemoryException) e).result()).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(broker.info().provider()).isEqualTo("none");
        assertThat(broker.info().degraded()).isTrue();
        assertThat(broker.maxAllocationSize()).isZero();
        assertThat(broker.secureClear(new byte[4])).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(broker.enableSecureMode(ByteBuffer.allocateDirect(8))).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
    }

    @Test
    void theSwapCountMovesOnlyOnceEveryBufferIsInTheNewProvider() throws Exception {
        broker.bind(a);
        SecureBuffer first = broker.allocate(8);
        SecureBuffer second = broker.allocate(8);
        CountDownLatch moving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // b, but its second allocation (the second buffer's move) waits until the test lets it go
        int[] allocations = {0};
        SecureMemory slowB = (SecureMemory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SecureMemory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("allocate") && ++allocations[0] == 2) {
                        moving.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(b, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Thread swapper = new Thread(() -> broker.bind(slowB));
        swapper.start();
        assertThat(moving.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(broker.swapCount()).as("one buffer still in the old provider: the swap is not done").isZero();
        release.countDown();
        swapper.join(10_000);
        assertThat(broker.swapCount()).isEqualTo(1);
        assertThat(b.openBuffers()).isEqualTo(2);
        assertThat(a.openBuffers()).isZero();
        first.close();
        second.close();
    }

    @Test
    void aSwapMovesEveryBufferAndWipesAndClosesTheOldCopies() {
        broker.bind(a);
        SecureBuffer first = broker.allocate(1000);
        SecureBuffer second = broker.allocate(3);
        first.write(0, pattern(1000, 7), 0, 1000);
        second.write(0, pattern(3, 9), 0, 3);
        assertThat(a.openBuffers()).isEqualTo(2);

        broker.bind(b);

        assertThat(first.contentEquals(pattern(1000, 7))).isTrue();
        assertThat(second.contentEquals(pattern(3, 9))).isTrue();
        assertThat(a.openBuffers()).as("old copies released").isZero();
        assertThat(a.buffers()).hasSize(2);
        assertThat(a.closedButNotWiped()).as("old copies wiped").isEmpty();
        assertThat(b.openBuffers()).isEqualTo(2);
        assertThat(broker.swapCount()).isEqualTo(1);
        assertThat(broker.movedBuffers()).isEqualTo(2);
        assertThat(broker.liveBuffers()).isEqualTo(2);
        assertThat(broker.info().provider()).isEqualTo("b");

        broker.unbind(a);
        assertThat(first.contentEquals(pattern(1000, 7))).isTrue();
        assertThat(broker.liveBuffers()).isEqualTo(2);
    }

    @Test
    void bindingTheCurrentProviderAgainIsNotASwap() {
        broker.bind(a);
        broker.allocate(8);
        broker.bind(a);
        assertThat(broker.swapCount()).isZero();
        assertThat(a.buffers()).hasSize(1);
    }

    @Test
    void theLastProviderGoingAwayWipesAndClosesEverything() {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(64);
        buffer.write(0, pattern(64, 1), 0, 64);

        broker.unbind(a);

        assertThat(broker.isAvailable()).isFalse();
        assertThat(broker.liveBuffers()).isZero();
        assertThat(buffer.isClosed()).isTrue();
        assertThat(a.openBuffers()).isZero();
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("secure memory provider went away; buffer was wiped")
                .hasMessageContaining("no other provider is registered");
        assertThatThrownBy(() -> buffer.write(0, new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("went away");
        assertThatThrownBy(() -> broker.allocate(8)).isInstanceOf(SecureMemoryException.class);

        broker.bind(b);
        SecureBuffer again = broker.allocate(8);
        assertThat(again.size()).isEqualTo(8);
        assertThat(broker.swapCount()).as("none -> b is no swap").isZero();
    }

    @Test
    void aBufferTheNewProviderCannotTakeStaysIntactInTheOldOne() {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(32);
        buffer.write(0, pattern(32, 3), 0, 32);
        b.failAllocations(true);

        broker.bind(b);

        assertThat(broker.failedMoves()).isEqualTo(1);
        assertThat(buffer.contentEquals(pattern(32, 3))).isTrue();
        assertThat(a.openBuffers()).isEqualTo(1);
        assertThat(b.buffers()).isEmpty();

        b.failAllocations(false);
        broker.unbind(a);
        assertThat(buffer.isClosed()).isFalse();
        assertThat(buffer.contentEquals(pattern(32, 3))).as("moved on the retry at unbind").isTrue();
        assertThat(a.openBuffers()).isZero();
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThat(b.openBuffers()).isEqualTo(1);
    }

    @Test
    void aBufferNobodyCanTakeIsWipedWhenItsProviderGoes() {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(32);
        buffer.write(0, pattern(32, 3), 0, 32);
        b.failAllocations(true);
        broker.bind(b);

        broker.unbind(a);

        assertThat(buffer.isClosed()).isTrue();
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThat(broker.liveBuffers()).isZero();
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its provider a went away").hasMessageContaining("could hold its 32 bytes")
                .hasMessageContaining("b (allocation failed");
        assertThat(broker.lostBuffers()).isEqualTo(1);
    }

    @Test
    void closedBuffersAreNotMovedAndLeaveTheCount() {
        broker.bind(a);
        SecureBuffer kept = broker.allocate(8);
        SecureBuffer closed = broker.allocate(8);
        closed.close();
        assertThat(broker.liveBuffers()).isEqualTo(1);
        broker.bind(b);
        assertThat(b.buffers()).hasSize(1);
        assertThat(broker.movedBuffers()).isEqualTo(1);
        assertThat(kept.isClosed()).isFalse();
    }

    @Test
    void aCloseThatThrowsStillLeavesTheCountAndIsNoLeakLater() throws InterruptedException {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(8);
        buffer.write(0, pattern(8, 3), 0, 8);
        a.failCloses(true); // as the POSIX provider does on a corrupted canary: wiped and closed, then loud
        assertThatThrownBy(buffer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("fail closes");
        assertThat(buffer.isClosed()).isTrue();
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThat(broker.liveBuffers()).as("closed, so no longer live").isZero();
        buffer.close(); // idempotent, and quiet the second time
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSwapWhoseOldCopyFailsToCloseStillCountsAsAMove() {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(8);
        buffer.write(0, pattern(8, 4), 0, 8);
        a.failCloses(true);
        broker.bind(b);
        assertThat(buffer.contentEquals(pattern(8, 4))).isTrue();
        assertThat(a.openBuffers()).isZero();
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThat(broker.movedBuffers()).as("the bytes did move").isEqualTo(1);
        assertThat(broker.failedMoves()).isZero();
        assertThat(broker.liveBuffers()).isEqualTo(1);
        broker.unbind(a);
        assertThat(buffer.contentEquals(pattern(8, 4))).as("nothing left behind in a to close").isTrue();
    }

    @Test
    void disableGoesToTheProviderThatEnabledTheRegion() {
        ByteBuffer region = ByteBuffer.allocateDirect(4096);
        broker.bind(a);
        assertThat(broker.enableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        broker.bind(b);
        assertThat(broker.disableSecureMode(region)).isEqualTo(SecureResult.SUCCESS);
        assertThat(a.disableSecureMode(region)).as("a's lock was the one released").isEqualTo(SecureResult.INVALID_PARAMETER);
        assertThat(broker.disableSecureMode(region)).isEqualTo(SecureResult.INVALID_PARAMETER);
    }

    @Test
    void swapBetweenTwoRealNoopProvidersKeepsTheContent() {
        NoopSecureMemory first = new NoopSecureMemory();
        NoopSecureMemory second = new NoopSecureMemory();
        broker.bind(first);
        SecureBuffer buffer = broker.allocate(10_000);
        buffer.write(0, pattern(10_000, 5), 0, 10_000);
        for (int i = 0; i < 10; i++) {
            broker.bind(i % 2 == 0 ? second : first);
        }
        assertThat(buffer.contentEquals(pattern(10_000, 5))).isTrue();
        assertThat(broker.swapCount()).isEqualTo(10);
        assertThat(broker.movedBuffers()).isEqualTo(10);
    }

    @Test
    void shutdownWipesAndClosesEverythingWithItsReason() {
        broker.bind(a);
        SecureBuffer buffer = broker.allocate(8);
        broker.shutdown("secure memory broker stopped; buffer was wiped");
        assertThat(a.openBuffers()).isZero();
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker stopped");
        assertThat(broker.isAvailable()).isFalse();
    }

    @Test
    void aBufferDroppedWithoutCloseIsWipedClosedAndReported() throws InterruptedException {
        broker.bind(a);
        try (SecureBuffer kept = broker.allocate(8)) {
            allocateWriteAndDrop(100);
            assertThat(a.openBuffers()).as("control: the dropped buffer is still open before GC").isEqualTo(2);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (broker.leakedBuffers() == 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(broker.leakedBuffers()).isEqualTo(1);
            assertThat(broker.liveBuffers()).isEqualTo(1);
            assertThat(a.openBuffers()).isEqualTo(1);
            assertThat(a.closedButNotWiped()).isEmpty();
            assertThat(kept.isClosed()).isFalse();
        }
        assertThat(broker.leakedBuffers()).as("an explicit close is no leak").isEqualTo(1);
        assertThat(broker.liveBuffers()).isZero();
    }

    private void allocateWriteAndDrop(int size) {
        SecureBuffer dropped = broker.allocate(size);
        dropped.write(0, pattern(size, 2), 0, size);
    }

    static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ((i * 31 + seed) % 251 + 1);
        }
        return bytes;
    }
}
