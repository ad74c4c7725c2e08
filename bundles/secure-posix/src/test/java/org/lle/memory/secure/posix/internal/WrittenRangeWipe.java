package org.lle.memory.secure.posix.internal;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.lle.memory.secure.SecureBuffer;

/**
 * Every way a secret gets into a POSIX buffer, each at the first byte, a middle one and the last one; after close
 * the whole slot (buffer, canary, unused tail) is read back through a JNA pointer and must be zero. Close wipes
 * only what the buffer's writes recorded ({@link ArenaSlot#wrote}), so a write path that forgot to record would leave
 * its bytes. The main method is the control run's entry: a child JVM with recording switched off
 * ({@link SlotControlRuns#UNTRACKED_WRITES}) must find leftovers for every case.
 */
final class WrittenRangeWipe {
    /** not a slot size, so the slot has an unused tail after the canary */
    static final int SIZE = 100;
    static final byte SECRET = (byte) 0xA5;

    /** One write path: writes {@link #SECRET} at {@code index} of the buffer (and maybe a source beside it). */
    enum Path {
        PUT((b, i) -> b.put(i, SECRET)),
        WRITE_ARRAY((b, i) -> b.write(i, new byte[] {SECRET}, 0, 1)),
        WRITE_HEAP_BUFFER((b, i) -> b.write(i, ByteBuffer.wrap(new byte[] {SECRET}))),
        WRITE_DIRECT_BUFFER((b, i) -> b.write(i, ByteBuffer.allocateDirect(1).put(0, SECRET))),
        FILL((b, i) -> b.fill(i, 1, SECRET)),
        /** the secret is written at the far end first (so recorded), then copied to {@code index} */
        COPY((b, i) -> {
            int source = i < SIZE / 2 ? SIZE - 1 : 0;
            b.put(source, SECRET);
            b.copy(source, i, 1);
            b.put(source, (byte) 0); // only the copy's byte is left
        }),
        ACCESS_PUT((b, i) -> {
            try (SecureBuffer.Access access = b.access()) {
                access.put(i, SECRET);
            }
        }),
        ACCESS_WRITE((b, i) -> {
            try (SecureBuffer.Access access = b.access()) {
                access.write(i, new byte[] {SECRET}, 0, 1);
            }
        }),
        ACCESS_FILL((b, i) -> {
            try (SecureBuffer.Access access = b.access()) {
                access.fill(i, 1, SECRET);
            }
        }),
        /** a single call from a thread other than the allocating one (the counted way in) */
        OTHER_THREAD_PUT((b, i) -> onAnotherThread(() -> b.put(i, SECRET))),
        OTHER_THREAD_WRITE((b, i) -> onAnotherThread(() -> b.write(i, new byte[] {SECRET}, 0, 1))),
        /** the allocating thread writes the first byte, another thread the one at {@code index}: both are wiped */
        OWNER_AND_OTHER_THREAD((b, i) -> {
            b.put(0, SECRET);
            onAnotherThread(() -> b.put(i, SECRET));
        });

        final BiConsumer<SecureBuffer, Integer> write;

        Path(BiConsumer<SecureBuffer, Integer> write) {
            this.write = write;
        }
    }

    static final int[] INDEXES = {0, 1, SIZE / 2, SIZE - 2, SIZE - 1};

    /** What one case found. */
    record Case(Path path, int index, boolean seenBeforeClose, int leftoverBytes) {
        @Override
        public String toString() {
            return path + "@" + index + (seenBeforeClose ? "" : " NOT-WRITTEN") + " leftover=" + leftoverBytes;
        }
    }

    private WrittenRangeWipe() {
    }

    /** Runs every path at every index, each on a fresh buffer, and reads the slot back after its close. */
    static List<Case> run(PosixSecureMemory memory) {
        List<Case> cases = new ArrayList<>();
        ArenaBuffer keeper = (ArenaBuffer) memory.allocate(SIZE); // keeps the chunk mapped for the read-back
        try {
            for (Path path : Path.values()) {
                for (int index : INDEXES) {
                    cases.add(runCase(memory, keeper, path, index));
                }
            }
        } finally {
            keeper.close();
        }
        return cases;
    }

    private static Case runCase(PosixSecureMemory memory, ArenaBuffer keeper, Path path, int index) {
        ArenaBuffer buffer = (ArenaBuffer) memory.allocate(SIZE);
        if (buffer.slot().chunk != keeper.slot().chunk) {
            throw new IllegalStateException("the buffer is not in the keeper's chunk: " + buffer.slot());
        }
        long address = buffer.slot().address();
        int stride = buffer.slot().chunk.stride;
        byte[] fresh = WiperReadBackTest.nativeBytes(address, stride);
        Arrays.fill(fresh, SIZE, SIZE + Long.BYTES, (byte) 0); // the canary (random)
        if (nonZero(fresh) != 0) {
            throw new IllegalStateException("a fresh slot holds more than its canary: " + path + "@" + index);
        }
        path.write.accept(buffer, index);
        boolean seen = WiperReadBackTest.nativeBytes(address + index, 1)[0] == SECRET;
        buffer.close();
        int leftover = nonZero(WiperReadBackTest.nativeBytes(address, stride));
        new Pointer(address).setMemory(0, stride, (byte) 0); // a control run's leftovers must not reach the next case
        return new Case(path, index, seen, leftover);
    }

    private static int nonZero(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b != 0) {
                count++;
            }
        }
        return count;
    }

    private static void onAnotherThread(Runnable call) {
        try {
            CompletableFuture.runAsync(call, command -> new Thread(command, "other-writer").start())
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The control run: prints one line per case and whether recording was off. */
    public static void main(String[] args) {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            System.out.println("untracked=" + SlotControlRuns.UNTRACKED_WRITES);
            for (Case c : run(memory)) {
                System.out.println("case " + c);
            }
        }
    }
}
