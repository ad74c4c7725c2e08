package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/** Every rule of {@link PoolBlock#access()}, one test each. */
class BlockAccessTest {
    /** A thread of its own for every task: a pool thread could be the very thread that opened an access. */
    private static final java.util.concurrent.Executor NEW_THREAD = task -> new Thread(task).start();
    private final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults());

    @AfterEach
    void tearDown() {
        pools.close();
    }

    private PooledBlock block(int size) {
        return (PooledBlock) pools.allocate(PoolType.TEMP, size);
    }

    private static byte slotByte(PooledBlock b, int index) {
        return b.slab.memory.get(b.base + index);
    }

    /** Every method of an access, each called once with valid arguments. */
    private static List<Consumer<PoolBlock.Access>> everyCall() {
        byte[] bytes = new byte[4];
        return List.of(a -> a.size(), a -> a.get(0), a -> a.put(0, (byte) 9), a -> a.read(0, bytes, 0, 4),
                a -> a.write(0, new byte[] {9, 9, 9, 9}, 0, 4), a -> a.copy(0, 1, 2), a -> a.fill(0, 4, (byte) 9),
                a -> a.mismatch(0, bytes, 0, 4));
    }

    @Test
    void anAccessWorksOnTheBlocksBytes() {
        PooledBlock b = block(100);
        b.put(3, (byte) 5);
        try (PoolBlock.Access a = b.access()) {
            assertThat(a.size()).isEqualTo(100);
            assertThat(a.get(3)).isEqualTo((byte) 5);
            a.put(99, (byte) 7);
            a.write(10, new byte[] {1, 2, 3}, 0, 3);
            byte[] out = new byte[3];
            a.read(10, out, 0, 3);
            assertThat(out).containsExactly(1, 2, 3);
        }
        assertThat(b.get(99)).isEqualTo((byte) 7);
        assertThat(b.get(11)).isEqualTo((byte) 2);
    }

    @Test
    void everyCallFromAnotherThreadThrowsAndTouchesNoMemory() throws Exception {
        PooledBlock b = block(16);
        PoolBlock.Access a = b.access();
        for (Consumer<PoolBlock.Access> call : everyCall()) {
            Throwable thrown = onAnotherThread(() -> call.accept(a));
            assertThat(thrown).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to thread " + Thread.currentThread().getName());
        }
        assertThat(onAnotherThread(a::close)).as("not even close").isInstanceOf(IllegalStateException.class);
        for (int i = 0; i < 16; i++) {
            assertThat(slotByte(b, i)).as("byte %d untouched", i).isZero();
        }
        assertThat(a.get(0)).as("still open for its own thread").isZero();
        a.close();
        assertThat(onAnotherThread(() -> a.get(0))).as("after close too: the thread is checked first")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to thread");
    }

    @Test
    void everyCallAfterCloseThrowsAndCloseIsIdempotent() {
        PooledBlock b = block(16);
        PoolBlock.Access a = b.access();
        a.close();
        a.close();
        for (Consumer<PoolBlock.Access> call : everyCall()) {
            assertThatThrownBy(() -> call.accept(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("access to a TEMP block of 16 bytes is closed");
        }
        assertThat(b.isClosed()).as("the block stays open").isFalse();
        assertThat(slotByte(b, 0)).isZero();
    }

    @Test
    void aClosedAccessStaysClosedWhenTheBlockOpensAnotherOnThisOrAnotherThread() throws Exception {
        PooledBlock b = block(16);
        PoolBlock.Access first = b.access();
        first.close();
        try (PoolBlock.Access second = b.access()) {
            assertThatThrownBy(() -> first.put(0, (byte) 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is closed");
            first.close(); // does not close the second one
            second.put(0, (byte) 2);
        }
        CompletableFuture<PoolBlock.Access> elsewhere = CompletableFuture.supplyAsync(b::access, NEW_THREAD);
        PoolBlock.Access other = elsewhere.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> first.put(0, (byte) 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(slotByte(b, 0)).isEqualTo((byte) 2);
        assertThat(onAnotherThread(other::close)).as("only its own thread closes it")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondAccessWhileOneIsOpenThrowsNamingWhy() throws Exception {
        PooledBlock b = block(16);
        try (PoolBlock.Access a = b.access()) {
            assertThatThrownBy(b::access).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open on thread " + Thread.currentThread().getName())
                    .hasMessageContaining("do not nest");
            assertThat(onAnotherThread(b::access)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
            b.put(1, (byte) 3); // the block's own methods keep working
            assertThat(a.get(1)).isEqualTo((byte) 3);
        }
        try (PoolBlock.Access again = b.access()) {
            assertThat(again.get(1)).isEqualTo((byte) 3);
        }
    }

    @Test
    void closingTheBlockOnTheAccessThreadClosesTheAccessFirstAndWipes() {
        PooledBlock b = block(100);
        PoolBlock.Access a = b.access();
        a.put(99, (byte) 7);
        b.close();
        assertThat(b.isClosed()).isTrue();
        assertThatThrownBy(() -> a.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        a.close(); // idempotent
        assertThat(slotByte(b, 99)).as("a write through the access is wiped at close").isZero();
        assertThatThrownBy(b::access).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TEMP block of 100 bytes is closed");
    }

    @Test
    void closingTheBlockOnAnotherThreadWaitsForTheAccess() throws Exception {
        PooledBlock b = block(64);
        PoolBlock.Access a = b.access();
        a.put(63, (byte) 7);
        AtomicReference<Thread> closer = new AtomicReference<>();
        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
            closer.set(Thread.currentThread());
            b.close();
        }, NEW_THREAD);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (closer.get() == null || !isWaitingForAccesses(closer.get())) {
            assertThat(System.nanoTime()).as("the closing thread reaches its wait").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(close).as("close waits while the access is open").isNotDone();
        assertThat(b.isClosed()).as("but the block already refuses new accesses").isTrue();
        a.put(0, (byte) 1); // the open access still works: the memory is still this block's
        assertThat(a.get(63)).isEqualTo((byte) 7);
        a.close();
        close.get(20, TimeUnit.SECONDS);
        assertThat(slotByte(b, 63)).as("wiped after the access closed").isZero();
        assertThat(slotByte(b, 0)).isZero();
    }

    private static boolean isWaitingForAccesses(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getMethodName().equals("awaitAccessesLeft")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pastTheBoundCloseRetiresTheSlotAndTheAccessWipesItAgainWhenItCloses() throws Exception {
        pools.setCloseWaitLimitNanos(TimeUnit.MILLISECONDS.toNanos(200));
        PooledBlock b = block(100);
        PoolBlock.Access a = b.access();
        a.put(10, (byte) 7);
        Throwable failure = null;
        try {
            CompletableFuture.runAsync(b::close, NEW_THREAD).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("gave up after 200 ms")
                .hasMessageContaining("Access left open").hasMessageContaining("retired");
        assertThat(slotByte(b, 10)).as("wiped when retired").isZero();
        a.put(20, (byte) 8); // a caller bug: it lands in retired memory nobody else gets
        assertThat(slotByte(b, 20)).isEqualTo((byte) 8);
        a.close();
        assertThat(slotByte(b, 20)).as("wiped again when the access closed").isZero();
        List<PoolBlock> later = new ArrayList<>();
        for (int i = 0; i < 2047; i++) { // every other block of the class: none may be the retired slot
            PooledBlock next = (PooledBlock) pools.allocate(PoolType.TEMP, 100, AllocationStrategy.PRIMARY_ONLY);
            assertThat(SlotId.of(next)).isNotEqualTo(SlotId.of(b));
            later.add(next);
        }
        later.forEach(PoolBlock::close);
    }

    @Test
    void anAccessOpenedBeforeTheSystemClosedWorksUntilClosedAndNoneOpensAfter() {
        PooledBlock b = block(16);
        PooledBlock other = block(16);
        PoolBlock.Access a = b.access();
        pools.close();
        a.put(1, (byte) 4);
        assertThat(a.get(1)).isEqualTo((byte) 4);
        a.close();
        assertThatThrownBy(other::access).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool system is closed");
        assertThatThrownBy(b::access).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool system is closed");
        b.close();
        other.close();
        assertThat(slotByte(b, 1)).as("still wiped at close").isZero();
    }

    @Test
    void theBlocksMethodsWorkBesideAnOpenAccessOnAnotherThread() throws Exception {
        PooledBlock b = block(16);
        try (PoolBlock.Access a = b.access()) {
            a.put(2, (byte) 6);
            assertThat(onAnotherThreadGet(() -> (int) b.get(2))).isEqualTo(6);
        }
    }

    private static Throwable onAnotherThread(Runnable action) throws Exception {
        try {
            CompletableFuture.runAsync(action, NEW_THREAD).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static <T> T onAnotherThreadGet(java.util.function.Supplier<T> action) throws Exception {
        return CompletableFuture.supplyAsync(action, NEW_THREAD).get(20, TimeUnit.SECONDS);
    }
}
