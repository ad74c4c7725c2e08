package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/** The swap demo's checker must catch what it claims to catch, or its "0 lost, 0 corrupted" means nothing. */
class SwapWorkerTest {
    private final RecordingSecureMemory memory = new RecordingSecureMemory("heap");
    private final SwapWorker.Counters counters = new SwapWorker.Counters();

    @Test
    void undisturbedBuffersPassAndGetClosed() throws InterruptedException {
        SwapWorker w = new SwapWorker(0, memory, 8, 64, counters);
        Thread t = new Thread(w);
        t.start();
        // stop only once it has worked: a thread not scheduled within a fixed sleep would see stop first
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (counters.ops.get() < 100 && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        w.stop();
        t.join();
        w.verifyAndClose();
        assertThat(counters.ops.get()).isPositive();
        assertThat(counters.corrupted.get() + counters.lost.get() + counters.errors.get()).isZero();
        assertThat(memory.buffers()).hasSize(8).allMatch(RecordingSecureMemory.HeapBuffer::isClosed);
    }

    @Test
    void aChangedByteIsCountedAsCorruption() {
        SwapWorker w = new SwapWorker(1, memory, 4, 64, counters);
        RecordingSecureMemory.HeapBuffer victim = memory.buffers().get(2);
        victim.put(10, (byte) (victim.get(10) + 1));
        w.verifyAndClose();
        assertThat(counters.corrupted.get()).isEqualTo(1);
        assertThat(counters.firstProblem.get()).contains("buffer 2");
    }

    @Test
    void aWipedBufferIsCountedAsCorruption() {
        SwapWorker w = new SwapWorker(1, memory, 4, 64, counters);
        memory.buffers().get(0).clear();
        w.verifyAndClose();
        assertThat(counters.corrupted.get()).isEqualTo(1);
    }

    @Test
    void aBufferClosedUnderItsOwnerIsCountedAsLost() {
        SwapWorker w = new SwapWorker(2, memory, 4, 64, counters);
        memory.buffers().get(3).close();
        w.verifyAndClose();
        assertThat(counters.lost.get()).isEqualTo(1);
        assertThat(counters.corrupted.get()).isZero();
    }

    @Test
    void summaryFailsOnAnyProblemAndOnMissingProviderChanges() {
        SwapSummary s = new SwapSummary("posix");
        s.counters = counters;
        s.swapCountAfter = 6;
        assertThat(s.ok(3)).isTrue();
        assertThat(s.ok(4)).isFalse();
        assertThat(s.verdict(4)).contains("saw 6 provider changes, expected 8");
        counters.problem(counters.lost, "buffer gone");
        assertThat(s.ok(3)).isFalse();
        assertThat(s.verdict(3)).contains("1 lost", "buffer gone");
    }

    @Test
    void loadLimitsAreNamed() {
        assertThatThrownBy(() -> new SwapDemo.Load(0, 1, 1)).hasMessage("--count must be in 1..1000, got 0");
        assertThatThrownBy(() -> new SwapDemo.Load(1, 65, 1)).hasMessage("--threads must be in 1..64, got 65");
        assertThatThrownBy(() -> new SwapDemo.Load(1, 1, 0)).hasMessage("--buffers must be in 1..4096, got 0");
    }
}
