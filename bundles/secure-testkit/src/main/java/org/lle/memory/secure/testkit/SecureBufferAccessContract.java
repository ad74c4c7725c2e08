package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;

/**
 * The rules of {@link SecureBuffer#access()} and of the bulk {@code copy}/{@code fill}, whatever the provider:
 * every sentence of their javadoc but the bounded wait past which a close gives up (each provider tests that
 * with a short wait of its own).
 */
public abstract class SecureBufferAccessContract extends SecureMemoryContractSupport {
    private static final long DEADLINE_SECONDS = 20;

    @Test
    void accessReadsAndWritesTheBuffersBytes() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        try (SecureBuffer.Access access = buffer.access()) {
            assertThat(access.size()).isEqualTo(SMALL);
            assertThat(access.get(3)).isEqualTo(pattern(SMALL)[3]);
            access.put(SMALL - 1, (byte) 0x55);
            byte[] out = new byte[6];
            access.read(2, out, 1, 4);
            assertThat(out).containsExactly(0, pattern(SMALL)[2], pattern(SMALL)[3], pattern(SMALL)[4], pattern(SMALL)[5], 0);
            access.write(10, new byte[] {9, 8, 7}, 1, 2);
            assertThat(buffer.get(10)).as("seen through the buffer while the access is open").isEqualTo((byte) 8);
        }
        assertThat(buffer.get(SMALL - 1)).isEqualTo((byte) 0x55);
        assertThat(buffer.get(11)).isEqualTo((byte) 7);
    }

    @Test
    void copyMovesOverlappingRangesBothWaysAsMemmove() {
        for (boolean viaAccess : new boolean[] {false, true}) {
            SecureBuffer buffer = allocateTracked(SMALL);
            buffer.write(0, pattern(SMALL), 0, SMALL);
            copy(buffer, viaAccess, 0, 2, 10); // insert: move right
            byte[] expected = pattern(SMALL);
            System.arraycopy(pattern(SMALL), 0, expected, 2, 10);
            assertThat(contentOf(buffer)).as("right, via access " + viaAccess).isEqualTo(expected);
            copy(buffer, viaAccess, 5, 1, 20); // delete: move left
            System.arraycopy(expected.clone(), 5, expected, 1, 20);
            assertThat(contentOf(buffer)).as("left, via access " + viaAccess).isEqualTo(expected);
            copy(buffer, viaAccess, SMALL, SMALL, 0);
        }
    }

    @Test
    void fillSetsTheRange() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.fill(2, 5, (byte) 7);
        try (SecureBuffer.Access access = buffer.access()) {
            access.fill(SMALL - 3, 3, (byte) -1);
            access.fill(SMALL, 0, (byte) 1);
        }
        byte[] expected = new byte[SMALL];
        java.util.Arrays.fill(expected, 2, 7, (byte) 7);
        java.util.Arrays.fill(expected, SMALL - 3, SMALL, (byte) -1);
        assertThat(contentOf(buffer)).isEqualTo(expected);
    }

    @Test
    void rangeEqualsComparesOnlyTheRange() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        byte[] other = new byte[20];
        System.arraycopy(pattern(SMALL), 4, other, 3, 10);
        try (SecureBuffer.Access access = buffer.access()) {
            assertThat(access.rangeEquals(4, other, 3, 10)).isTrue();
            assertThat(access.rangeEquals(4, other, 3, 11)).isFalse();
            assertThat(access.rangeEquals(5, other, 3, 10)).isFalse();
            assertThat(access.rangeEquals(0, other, 0, 0)).isTrue();
            assertThatThrownBy(() -> access.rangeEquals(30, other, 0, 10)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> access.rangeEquals(0, other, 15, 10)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> access.rangeEquals(0, null, 0, 1)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void outOfBoundsCallsThrowAndChangeNothing() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        try (SecureBuffer.Access access = buffer.access()) {
            List<Consumer<SecureBuffer.Access>> bad = List.of(
                    a -> a.get(SMALL), a -> a.get(-1), a -> a.put(SMALL, (byte) 1), a -> a.put(-1, (byte) 1),
                    a -> a.read(SMALL - 2, new byte[4], 0, 4), a -> a.write(-1, new byte[4], 0, 4),
                    a -> a.write(0, new byte[4], 2, 4), a -> a.copy(0, SMALL - 3, 4), a -> a.copy(SMALL - 3, 0, 4),
                    a -> a.copy(0, 1, -1), a -> a.fill(SMALL - 1, 2, (byte) 1), a -> a.fill(-1, 2, (byte) 1));
            for (Consumer<SecureBuffer.Access> call : bad) {
                assertThatThrownBy(() -> call.accept(access)).isInstanceOf(IndexOutOfBoundsException.class);
            }
            assertThatThrownBy(() -> access.read(0, null, 0, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> access.write(0, null, 0, 1)).isInstanceOf(NullPointerException.class);
        }
        assertThatThrownBy(() -> buffer.copy(Integer.MAX_VALUE, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.fill(1, Integer.MAX_VALUE, (byte) 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(contentOf(buffer)).isEqualTo(pattern(SMALL));
    }

    @Test
    void anotherThreadCannotUseOrCloseTheAccessAndTouchesNoMemory() throws Exception {
        SecureBuffer buffer = allocateTracked(SMALL);
        SecureBuffer.Access access = buffer.access();
        List<Consumer<SecureBuffer.Access>> calls = allCalls();
        for (Consumer<SecureBuffer.Access> call : calls) {
            Throwable thrown = onAnotherThread(() -> call.accept(access));
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("thread");
        }
        assertThat(onAnotherThread(access::close)).isInstanceOf(IllegalStateException.class);
        assertThat(contentOf(buffer)).as("no call from another thread wrote").containsOnly(0);
        access.put(0, (byte) 1); // still open for its owner
        access.close();
        assertThat(onAnotherThread(() -> access.get(0))).as("also once closed").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyCallAfterCloseThrowsAndCloseIsIdempotent() {
        SecureBuffer buffer = allocateTracked(SMALL);
        SecureBuffer.Access access = buffer.access();
        access.close();
        for (Consumer<SecureBuffer.Access> call : allCalls()) {
            assertThatThrownBy(() -> call.accept(access)).isInstanceOf(IllegalStateException.class);
        }
        assertThatCode(access::close).doesNotThrowAnyException();
        assertThat(buffer.isClosed()).as("closing the access leaves the buffer open").isFalse();
        buffer.put(0, (byte) 1);
    }

    @Test
    void aSecondAccessWhileOneIsOpenIsRefusedFromAnyThread() throws Exception {
        SecureBuffer buffer = allocateTracked(SMALL);
        SecureBuffer.Access first = buffer.access();
        assertThatThrownBy(buffer::access).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        assertThat(onAnotherThread(buffer::access)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
        first.put(1, (byte) 2);
        first.close();
        try (SecureBuffer.Access second = buffer.access()) {
            assertThat(second.get(1)).isEqualTo((byte) 2);
        }
        assertThat(onAnotherThread(() -> buffer.access().close())).as("any thread, once the first is closed").isNull();
    }

    @Test
    void theBuffersOwnMethodsWorkWhileAnAccessIsOpen() throws Exception {
        SecureBuffer buffer = allocateTracked(SMALL);
        try (SecureBuffer.Access access = buffer.access()) {
            buffer.put(0, (byte) 4);
            assertThat(onAnotherThread(() -> buffer.put(1, (byte) 5))).isNull();
            assertThat(onAnotherThread(buffer::clear)).isNull();
            buffer.put(2, (byte) 6);
            assertThat(access.get(2)).isEqualTo((byte) 6);
            assertThat(buffer.get(0)).isZero();
        }
    }

    @Test
    void noAccessOpensOnAClosedBuffer() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.close();
        assertThatThrownBy(buffer::access).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> buffer.copy(0, 1, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> buffer.fill(0, 1, (byte) 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheBufferOnTheAccessThreadClosesTheAccessFirst() {
        SecureBuffer buffer = allocateTracked(SMALL);
        SecureBuffer.Access access = buffer.access();
        access.put(0, (byte) 9);
        buffer.close();
        assertThat(buffer.isClosed()).isTrue();
        assertThatThrownBy(() -> access.get(0)).isInstanceOf(IllegalStateException.class);
        assertThatCode(access::close).doesNotThrowAnyException();
    }

    @Test
    void aCloseOnAnotherThreadWaitsForTheOpenAccess() throws Exception {
        SecureBuffer buffer = allocateTracked(SMALL);
        SecureBuffer.Access access = buffer.access();
        CompletableFuture<Void> closer = CompletableFuture.runAsync(buffer::close);
        // the closer had time to run; the bytes must still be there and writable, and the close not done
        Thread.sleep(200);
        for (int i = 0; i < SMALL; i++) {
            access.put(i, (byte) (i + 1));
        }
        for (int i = 0; i < SMALL; i++) {
            assertThat(access.get(i)).isEqualTo((byte) (i + 1));
        }
        assertThat(closer).as("close waits while the access is open").isNotDone();
        access.close();
        closer.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertClosedBuffer(buffer);
    }

    /** Asserts the documented state of a closed buffer. */
    private static void assertClosedBuffer(SecureBuffer buffer) {
        assertThat(buffer.isClosed()).isTrue();
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(buffer::access).isInstanceOf(IllegalStateException.class);
    }

    private static void copy(SecureBuffer buffer, boolean viaAccess, int from, int to, int length) {
        if (!viaAccess) {
            buffer.copy(from, to, length);
            return;
        }
        try (SecureBuffer.Access access = buffer.access()) {
            access.copy(from, to, length);
        }
    }

    /** @return one of each call of an access but close, each touching memory if it runs */
    private static List<Consumer<SecureBuffer.Access>> allCalls() {
        return List.of(a -> a.size(), a -> a.get(0), a -> a.put(0, (byte) 1), a -> a.read(0, new byte[2], 0, 2),
                a -> a.write(0, new byte[] {1, 1}, 0, 2), a -> a.copy(0, 1, 2), a -> a.fill(0, 2, (byte) 1),
                a -> a.rangeEquals(0, new byte[2], 0, 2));
    }

    /** @return what {@code call} threw on a new thread, {@code null} if nothing */
    private static Throwable onAnotherThread(Runnable call) throws Exception {
        CompletableFuture<Void> run = CompletableFuture.runAsync(call, r -> new Thread(r, "other").start());
        try {
            run.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
