package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;

/**
 * The rules every {@link SecureBuffer} follows, whatever the provider.
 *
 * <p>Decisions this contract fixes:
 * <ul>
 * <li>Index errors are {@link IndexOutOfBoundsException} whose message names the index (and length) and the
 *     size, as {@code Objects.checkIndex} / {@code checkFromIndexSize} produce; a zero-length read or write at
 *     {@code index == size()} is allowed and does nothing. {@code read}/{@code write} check the buffer range
 *     first (without overflow: {@code index + length} may exceed {@code Integer.MAX_VALUE}), then the array
 *     range; a failed call changes nothing.</li>
 * <li>A {@code null} array is {@link NullPointerException}, checked before anything else.</li>
 * <li>After {@code close()}: {@code get, put, read, write, contentEquals, clear} throw
 *     {@link IllegalStateException}; {@code size()} still answers, {@code isClosed()} is true,
 *     {@code isLocked()} is false (a closed buffer holds no lock) and {@code close()} is a no-op.</li>
 * </ul>
 */
public abstract class SecureBufferContract extends SecureBufferAccessContract {

    @Test
    void newBufferHasItsSizeIsZeroFilledAndIsOpen() {
        SecureBuffer buffer = allocateTracked(SMALL);
        assertThat(buffer.size()).isEqualTo(SMALL);
        assertThat(contentOf(buffer)).containsOnly(0);
        assertThat(buffer.isClosed()).isFalse();
        assertThat(buffer.isLocked()).isEqualTo(expectBuffersLocked());
    }

    @Test
    void putGetAndWriteReadRoundTrip() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] data = pattern(SMALL);
        buffer.write(0, data, 0, SMALL);
        assertThat(contentOf(buffer)).isEqualTo(data);
        buffer.put(SMALL - 1, (byte) 0x7f);
        assertThat(buffer.get(SMALL - 1)).isEqualTo((byte) 0x7f);
        assertThat(buffer.get(0)).isEqualTo(data[0]);
    }

    @Test
    void partialWriteAndReadUseOffsetsOnBothSides() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] src = pattern(10);
        buffer.write(5, src, 2, 6);
        byte[] dst = new byte[12];
        buffer.read(4, dst, 3, 8);
        assertThat(dst).containsExactly(0, 0, 0, 0, 3, 4, 5, 6, 7, 8, 0, 0);
    }

    @Test
    void byteBufferWriteAndReadRoundTripThroughHeapAndDirectBuffersAndAdvanceThePosition() {
        SecureBuffer buffer = allocateTracked(SMALL);
        ByteBuffer src = ByteBuffer.allocateDirect(SMALL + 6).put(pattern(SMALL + 6)).position(3).limit(3 + SMALL - 2);
        buffer.write(1, src);
        assertThat(src.position()).as("src position advanced").isEqualTo(3 + SMALL - 2);
        assertThat(src.limit()).isEqualTo(3 + SMALL - 2);
        byte[] expected = new byte[SMALL];
        System.arraycopy(pattern(SMALL + 6), 3, expected, 1, SMALL - 2);
        assertThat(contentOf(buffer)).isEqualTo(expected);

        ByteBuffer heap = ByteBuffer.allocate(SMALL + 4).position(2).limit(2 + SMALL);
        buffer.read(0, heap);
        assertThat(heap.position()).isEqualTo(2 + SMALL);
        byte[] back = new byte[SMALL];
        heap.get(2, back);
        assertThat(back).isEqualTo(expected);
        assertThat(heap.get(0)).isZero();
        assertThat(contentOf(heap)[SMALL + 3]).isZero();

        ByteBuffer direct = ByteBuffer.allocateDirect(5);
        buffer.read(SMALL - 5, direct);
        assertThat(contentOf(direct.flip())).containsExactly(java.util.Arrays.copyOfRange(expected, SMALL - 5, SMALL));
    }

    @Test
    void byteBufferAccessOutsideTheBufferThrowsAndChangesNothing() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        ByteBuffer tooLong = ByteBuffer.allocateDirect(SMALL + 1);
        assertThatThrownBy(() -> buffer.read(0, tooLong)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(tooLong.position()).isZero();
        assertThat(contentOf(tooLong)).containsOnly(0);
        assertThatThrownBy(() -> buffer.write(1, ByteBuffer.allocate(SMALL))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.read(-1, ByteBuffer.allocate(1))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.write(SMALL, ByteBuffer.allocate(1))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(contentOf(buffer)).isEqualTo(pattern(SMALL));
        ByteBuffer empty = ByteBuffer.allocate(4).position(4);
        assertThatCode(() -> {
            buffer.read(SMALL, empty);
            buffer.write(SMALL, empty);
        }).as("zero bytes at the end").doesNotThrowAnyException();
    }

    @Test
    void byteBufferReadIntoAReadOnlyBufferAndNullBuffersAreRefused() {
        SecureBuffer buffer = allocateTracked(SMALL);
        ByteBuffer readOnly = ByteBuffer.allocateDirect(SMALL).asReadOnlyBuffer();
        assertThatThrownBy(() -> buffer.read(0, readOnly)).isInstanceOf(java.nio.ReadOnlyBufferException.class);
        assertThat(readOnly.position()).isZero();
        assertThatThrownBy(() -> buffer.read(0, (ByteBuffer) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> buffer.write(0, (ByteBuffer) null)).isInstanceOf(NullPointerException.class);
        ByteBuffer readOnlySource = ByteBuffer.wrap(pattern(SMALL)).asReadOnlyBuffer();
        buffer.write(0, readOnlySource);
        assertThat(contentOf(buffer)).as("a read-only source is fine").isEqualTo(pattern(SMALL));
    }

    @Test
    void byteBufferAccessAfterCloseThrowsIllegalState() {
        SecureBuffer buffer = memory.allocate(SMALL);
        buffer.close();
        ByteBuffer dst = ByteBuffer.allocateDirect(4);
        assertThatThrownBy(() -> buffer.read(0, dst)).isInstanceOf(IllegalStateException.class);
        assertThat(dst.position()).isZero();
        assertThatThrownBy(() -> buffer.write(0, ByteBuffer.allocate(4))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void zeroLengthAccessAtTheEndIsAllowed() {
        SecureBuffer buffer = allocateTracked(SMALL);
        assertThatCode(() -> {
            buffer.read(SMALL, new byte[0], 0, 0);
            buffer.write(SMALL, new byte[1], 1, 0);
        }).doesNotThrowAnyException();
    }

    @Test
    void getAndPutOutsideTheBufferNameIndexAndSize() {
        SecureBuffer buffer = allocateTracked(SMALL);
        for (int index : new int[] {-1, SMALL, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> buffer.get(index)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(index)).hasMessageContaining(String.valueOf(SMALL));
            assertThatThrownBy(() -> buffer.put(index, (byte) 1)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(index)).hasMessageContaining(String.valueOf(SMALL));
        }
    }

    @Test
    void readAndWriteOutsideTheBufferNameIndexAndSize() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] big = new byte[SMALL * 2];
        int[][] badRanges = {{-1, 1}, {0, SMALL + 1}, {SMALL, 1}, {1, SMALL}, {0, -1}, {1, Integer.MAX_VALUE}};
        for (int[] range : badRanges) {
            assertThatThrownBy(() -> buffer.read(range[0], big, 0, range[1]))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(range[0])).hasMessageContaining(String.valueOf(SMALL));
            assertThatThrownBy(() -> buffer.write(range[0], big, 0, range[1]))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(range[0])).hasMessageContaining(String.valueOf(SMALL));
        }
    }

    @Test
    void readAndWriteOutsideTheArrayNameOffsetAndArrayLength() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] small = new byte[8];
        int[][] badRanges = {{-1, 1}, {0, 9}, {8, 1}, {4, 5}};
        for (int[] range : badRanges) {
            assertThatThrownBy(() -> buffer.read(0, small, range[0], range[1]))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(range[0])).hasMessageContaining("8");
            assertThatThrownBy(() -> buffer.write(0, small, range[0], range[1]))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining(String.valueOf(range[0])).hasMessageContaining("8");
        }
    }

    @Test
    void failedWriteChangesNothing() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] data = pattern(SMALL + 1);
        assertThatThrownBy(() -> buffer.write(0, data, 0, SMALL + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(contentOf(buffer)).containsOnly(0);
    }

    @Test
    void nullArraysAreNullPointerException() {
        SecureBuffer buffer = allocateTracked(SMALL);
        assertThatThrownBy(() -> buffer.read(0, null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> buffer.write(0, null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> buffer.read(0, null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> buffer.write(0, null, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void contentEqualsComparesSizeAndEveryByte() {
        SecureBuffer buffer = allocateTracked(SMALL);
        byte[] data = pattern(SMALL);
        buffer.write(0, data, 0, SMALL);
        assertThat(buffer.contentEquals(null)).isFalse();
        assertThat(buffer.contentEquals(new byte[0])).isFalse();
        assertThat(buffer.contentEquals(pattern(SMALL - 1))).isFalse();
        assertThat(buffer.contentEquals(pattern(SMALL + 1))).isFalse();
        assertThat(buffer.contentEquals(data.clone())).isTrue();
        byte[] lastDiffers = data.clone();
        lastDiffers[SMALL - 1] ^= 1;
        assertThat(buffer.contentEquals(lastDiffers)).isFalse();
        byte[] firstDiffers = data.clone();
        firstDiffers[0] ^= (byte) 0x80;
        assertThat(buffer.contentEquals(firstDiffers)).isFalse();
    }

    @Test
    void clearZeroesAndKeepsTheBufferOpen() {
        SecureBuffer buffer = allocateTracked(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        buffer.clear();
        assertThat(buffer.isClosed()).isFalse();
        assertThat(contentOf(buffer)).containsOnly(0);
        buffer.put(3, (byte) 9);
        assertThat(buffer.get(3)).isEqualTo((byte) 9);
    }

    @Test
    void closeIsIdempotent() {
        SecureBuffer buffer = memory.allocate(SMALL);
        buffer.close();
        assertThatCode(() -> {
            buffer.close();
            buffer.close();
        }).doesNotThrowAnyException();
        assertThat(buffer.isClosed()).isTrue();
    }

    @Test
    void everyAccessAfterCloseIsIllegalState() {
        SecureBuffer buffer = memory.allocate(SMALL);
        buffer.write(0, pattern(SMALL), 0, SMALL);
        buffer.close();
        assertClosed(buffer);
    }

    @Test
    void closeFromAnotherThreadIsSeenByThisOne() throws InterruptedException {
        SecureBuffer buffer = memory.allocate(SMALL);
        Thread closer = new Thread(buffer::close, "closer");
        closer.start();
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertClosed(buffer);
    }

    @Test
    void concurrentCloseDuringAccessOnlyEverThrowsIllegalState() throws InterruptedException {
        int threads = 4;
        List<Consumer<SecureBuffer>> accesses = accesses();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < 100; round++) {
            SecureBuffer buffer = memory.allocate(64);
            CountDownLatch running = new CountDownLatch(threads);
            List<Thread> users = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread user = new Thread(() -> hammerUntilClosed(buffer, accesses, running, unexpected), "user-" + t);
                users.add(user);
                user.start();
            }
            // close only once every thread is in the middle of its accesses
            assertThat(running.await(10, TimeUnit.SECONDS)).as("user threads started").isTrue();
            buffer.close();
            for (Thread user : users) {
                user.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(user.isAlive()).as("user thread still running after close").isFalse();
            }
        }
        assertThat(unexpected).as("only IllegalStateException may escape a concurrent close").isEmpty();
    }

    private static void hammerUntilClosed(SecureBuffer buffer, List<Consumer<SecureBuffer>> accesses,
            CountDownLatch running, ConcurrentLinkedQueue<Throwable> unexpected) {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long done = 0; ; done++) {
                accesses.get(random.nextInt(accesses.size())).accept(buffer);
                if (done == 200) {
                    running.countDown();
                }
            }
        } catch (IllegalStateException expected) {
            // the documented outcome of using a closed buffer
        } catch (Throwable t) {
            unexpected.add(t);
            running.countDown();
        }
    }

    /** @return one of each memory access of a {@link SecureBuffer} */
    protected static List<Consumer<SecureBuffer>> accesses() {
        byte[] scratch = new byte[16];
        return List.of(
                b -> b.get(1),
                b -> b.put(2, (byte) 3),
                b -> b.read(0, new byte[16], 0, 16),
                b -> b.write(0, scratch, 0, 16),
                b -> b.contentEquals(new byte[b.size()]),
                SecureBuffer::clear);
    }

    /** Asserts the documented state of a closed buffer. */
    protected static void assertClosed(SecureBuffer buffer) {
        assertThat(buffer.isClosed()).isTrue();
        assertThat(buffer.isLocked()).isFalse();
        assertThat(buffer.size()).isPositive();
        for (Consumer<SecureBuffer> access : accesses()) {
            assertThatThrownBy(() -> access.accept(buffer)).isInstanceOf(IllegalStateException.class);
        }
        assertThatCode(buffer::close).doesNotThrowAnyException();
    }
}
