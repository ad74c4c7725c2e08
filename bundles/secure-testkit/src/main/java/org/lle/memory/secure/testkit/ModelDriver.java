package org.lle.memory.secure.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;

/**
 * One thread's view of a provider under model-based test: the buffers it owns with the bytes each must hold
 * (the model), the handles it closed (stale), and one direct region for the region calls. Every operation
 * checks the provider against the model and throws {@link AssertionError} on any difference or on an
 * exception the API does not document for that call. Buffers may be handed to another driver through a
 * shared queue; the receiver checks their contents, then closes them.
 */
public final class ModelDriver {
    /** A live buffer and the bytes it must hold. */
    public record Handle(SecureBuffer buffer, byte[] expected) {
    }

    private static final int MAX_LIVE = 48;
    private static final long MAX_LIVE_BYTES = 48L << 20;

    private final SecureMemory memory;
    private final int max;
    private final int[] edges;
    private final boolean regionsLock;
    private final List<Handle> live = new ArrayList<>();
    private final List<SecureBuffer> stale = new ArrayList<>();
    private final ByteBuffer region = ByteBuffer.allocateDirect(4 * 4096 + 100).position(50).limit(4 * 4096 + 50).slice();
    /** Scratch, reused: the model checks must not cost more than the calls they check. */
    private final ByteBuffer directScratch = ByteBuffer.allocateDirect(1024);
    private final ByteBuffer heapScratch = ByteBuffer.allocate(1024);
    private final byte[] bytesScratch = new byte[1024];
    private final byte[] regionBytes = new byte[4 * 4096];
    private long liveBytes;
    private int regionEnables;
    private long operations;

    /**
     * @param regionsLock {@code true}: enable returns SUCCESS (a locking provider); {@code false}:
     *                    FEATURE_NOT_AVAILABLE (the no-op provider)
     */
    public ModelDriver(SecureMemory memory, boolean regionsLock) {
        this.memory = memory;
        this.max = memory.maxAllocationSize();
        this.edges = edges(max);
        this.regionsLock = regionsLock;
    }

    /**
     * @return every size worth trying: 1, each size-class edge (16/17, 23/24/25, ... powers of two and the
     *         midpoints between them, one either side), 64 KiB and 64 KiB + 1, and the maximum
     */
    public static int[] edges(int max) {
        List<Integer> sizes = new ArrayList<>(List.of(1, 2, 7, 8, 9, 15));
        for (long power = 16; power <= max; power *= 2) {
            for (long edge : new long[] {power, power + power / 2}) {
                for (long size = edge - 1; size <= edge + 1; size++) {
                    if (size >= 1 && size <= max) {
                        sizes.add((int) size);
                    }
                }
            }
        }
        sizes.add(Math.min(max, 65536));
        sizes.add(Math.min(max, 65537));
        sizes.add(max);
        return sizes.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    public long operations() {
        return operations;
    }

    public int liveCount() {
        return live.size();
    }

    /** One random operation, chosen and parameterised by {@code random}. */
    public void step(SplittableRandom random, Queue<Handle> handOff, Queue<SecureBuffer> sharedStale) {
        int pick = random.nextInt(100);
        if (pick < 10 || live.isEmpty()) {
            allocate(size(random));
        } else if (pick < 22) {
            write(random, random.nextBoolean());
        } else if (pick < 34) {
            read(random, random.nextBoolean());
        } else if (pick < 44) {
            putGet(random);
        } else if (pick < 48) {
            clear(random);
        } else if (pick < 53) {
            contentEquals(random);
        } else if (pick < 60) {
            close(random, sharedStale);
        } else if (pick < 64 && handOff != null) {
            handOff(random, handOff);
        } else if (pick < 69 && handOff != null) {
            closeHandedOff(handOff, sharedStale);
        } else if (pick < 78) {
            useStale(random, sharedStale);
        } else if (pick < 82) {
            outOfBounds(random);
        } else if (pick < 86) {
            region(random);
        } else {
            read(random, false);
        }
    }

    /**
     * Sizes: mostly small, every edge up to 70,000 bytes often, any size up to 70,000 sometimes, and 1 in
     * 10,000 an edge above that or any size up to the maximum (large buffers cost milliseconds each).
     */
    public int size(SplittableRandom random) {
        int kind = random.nextInt(10_000);
        int small = Math.min(max, 70_000);
        if (kind < 7_000) {
            return 1 + random.nextInt(Math.min(max, 512));
        }
        if (kind < 9_900) {
            int edge = edges[random.nextInt(edges.length)];
            return edge <= small ? edge : 1 + random.nextInt(Math.min(max, 512));
        }
        if (kind < 9_999) {
            return 1 + random.nextInt(small);
        }
        int edge = edges[random.nextInt(edges.length)];
        return random.nextBoolean() ? edge : 1 + random.nextInt(max);
    }

    /**
     * For short sequences (the jqwik chains): a third of the time an edge, those above 70,000 bytes (up to
     * the maximum) one time in ten, since each costs milliseconds; otherwise a small size.
     */
    public int edgeOrSmall(SplittableRandom random) {
        if (random.nextInt(3) != 0) {
            return 1 + random.nextInt(Math.min(max, 512));
        }
        int edge = edges[random.nextInt(edges.length)];
        return edge <= 70_000 || random.nextInt(10) == 0 ? edge : 1 + random.nextInt(Math.min(max, 512));
    }

    public void allocate(int size) {
        operations++;
        if (live.size() >= MAX_LIVE || liveBytes + size > MAX_LIVE_BYTES) {
            closeOldest();
            return;
        }
        SecureBuffer buffer = memory.allocate(size);
        check(buffer.size() == size, "allocate(" + size + ") gave size " + buffer.size());
        check(!buffer.isClosed(), "a new buffer is closed");
        checkZeroFilled(buffer);
        live.add(new Handle(buffer, new byte[size]));
        liveBytes += size;
    }

    private void checkZeroFilled(SecureBuffer buffer) {
        int size = buffer.size();
        for (int at = 0; at < size; at += bytesScratch.length) {
            int length = Math.min(bytesScratch.length, size - at);
            buffer.read(at, bytesScratch, 0, length);
            for (int i = 0; i < length; i++) {
                check(bytesScratch[i] == 0, "allocate(" + size + ") is not zero-filled at " + (at + i));
            }
        }
    }

    private ByteBuffer scratch(SplittableRandom random, int position, int length) {
        ByteBuffer buffer = random.nextBoolean() ? directScratch : heapScratch;
        buffer.clear().position(position).limit(position + length);
        return buffer;
    }

    public void write(SplittableRandom random, boolean throughByteBuffer) {
        Handle h = pick(random);
        int index = random.nextInt(h.expected.length);
        int length = 1 + random.nextInt(Math.min(h.expected.length - index, 300));
        byte[] data = bytesScratch;
        for (int i = 0; i < length; i++) {
            data[i] = (byte) random.nextInt();
        }
        if (throughByteBuffer) {
            ByteBuffer src = scratch(random, 3, length);
            src.put(3, data, 0, length);
            h.buffer.write(index, src);
            check(src.position() == 3 + length, "write(int, ByteBuffer) did not advance the source");
        } else {
            h.buffer.write(index, data, 0, length);
        }
        System.arraycopy(data, 0, h.expected, index, length);
        operations++;
    }

    public void read(SplittableRandom random, boolean throughByteBuffer) {
        Handle h = pick(random);
        int index = random.nextInt(h.expected.length);
        int length = 1 + random.nextInt(Math.min(h.expected.length - index, 300));
        byte[] got = bytesScratch;
        if (throughByteBuffer) {
            ByteBuffer dst = scratch(random, 0, length);
            h.buffer.read(index, dst);
            check(!dst.hasRemaining(), "read(int, ByteBuffer) did not advance the destination");
            dst.get(0, got, 0, length);
        } else {
            h.buffer.read(index, got, 0, length);
        }
        check(Arrays.equals(got, 0, length, h.expected, index, index + length),
                "read of " + length + " bytes at " + index + " differs from the model");
        operations++;
    }

    public void putGet(SplittableRandom random) {
        Handle h = pick(random);
        int index = random.nextInt(h.expected.length);
        byte value = (byte) random.nextInt(256);
        check(h.buffer.get(index) == h.expected[index], "get(" + index + ") differs from the model");
        h.buffer.put(index, value);
        h.expected[index] = value;
        operations++;
    }

    public void clear(SplittableRandom random) {
        Handle h = pick(random);
        h.buffer.clear();
        Arrays.fill(h.expected, (byte) 0);
        operations++;
    }

    public void contentEquals(SplittableRandom random) {
        Handle h = pick(random);
        check(h.buffer.contentEquals(h.expected), "contentEquals(model) is false");
        byte[] other = h.expected.clone();
        other[random.nextInt(other.length)] ^= 1;
        check(!h.buffer.contentEquals(other), "contentEquals of a different array is true");
        check(!h.buffer.contentEquals(Arrays.copyOf(h.expected, h.expected.length + 1)), "longer array equal");
        operations++;
    }

    public void close(SplittableRandom random, Queue<SecureBuffer> sharedStale) {
        Handle h = live.remove(random.nextInt(live.size()));
        closeChecked(h, sharedStale);
    }

    private void closeOldest() {
        closeChecked(live.remove(0), null);
    }

    private void closeChecked(Handle h, Queue<SecureBuffer> sharedStale) {
        liveBytes -= h.expected.length;
        check(h.buffer.contentEquals(h.expected), "contents differ from the model before close");
        h.buffer.close();
        check(h.buffer.isClosed(), "closed buffer says open");
        h.buffer.close(); // double close: a no-op
        stale.add(h.buffer);
        if (sharedStale != null && stale.size() % 4 == 0) {
            sharedStale.offer(h.buffer);
        }
        if (stale.size() > 64) {
            stale.remove(0);
        }
        operations++;
    }

    public void handOff(SplittableRandom random, Queue<Handle> handOff) {
        Handle h = live.remove(random.nextInt(live.size()));
        liveBytes -= h.expected.length;
        handOff.offer(h); // not touched by this thread again
        operations++;
    }

    public void closeHandedOff(Queue<Handle> handOff, Queue<SecureBuffer> sharedStale) {
        Handle h = handOff.poll();
        if (h == null) {
            return;
        }
        liveBytes += h.expected.length;
        closeChecked(h, sharedStale);
    }

    /** A closed handle (this thread's or another's): every access is IllegalStateException. */
    public void useStale(SplittableRandom random, Queue<SecureBuffer> sharedStale) {
        SecureBuffer buffer = sharedStale != null && random.nextBoolean() ? sharedStale.peek() : null;
        if (buffer == null) {
            if (stale.isEmpty()) {
                return;
            }
            buffer = stale.get(random.nextInt(stale.size()));
        }
        SecureBuffer b = buffer;
        check(b.isClosed(), "a stale handle says open");
        check(!b.isLocked(), "a closed buffer says locked");
        int kind = random.nextInt(7);
        expectThrows(IllegalStateException.class, "use after close (" + kind + ")", () -> {
            switch (kind) {
                case 0 -> b.get(0);
                case 1 -> b.put(0, (byte) 1);
                case 2 -> b.read(0, new byte[1], 0, 1);
                case 3 -> b.write(0, new byte[1], 0, 1);
                case 4 -> b.clear();
                case 5 -> b.read(0, ByteBuffer.allocate(1));
                default -> b.write(0, ByteBuffer.allocate(1));
            }
        });
        b.close(); // still a no-op
        operations++;
    }

    public void outOfBounds(SplittableRandom random) {
        Handle h = pick(random);
        int size = h.expected.length;
        int kind = random.nextInt(4);
        expectThrows(IndexOutOfBoundsException.class, "out of bounds (" + kind + ")", () -> {
            switch (kind) {
                case 0 -> h.buffer.get(size);
                case 1 -> h.buffer.put(-1, (byte) 1);
                case 2 -> h.buffer.read(size - 1, new byte[2], 0, 2);
                default -> h.buffer.write(1, ByteBuffer.allocate(size));
            }
        });
        check(h.buffer.contentEquals(h.expected), "a failed access changed the contents");
        operations++;
    }

    /** enable / secureClear / disable of a part of this driver's direct region. */
    public void region(SplittableRandom random) {
        int kind = random.nextInt(3);
        ByteBuffer whole = region.duplicate().clear();
        if (kind == 0 && regionEnables < 4) {
            SecureResult result = memory.enableSecureMode(whole);
            check(result == (regionsLock ? SecureResult.SUCCESS : SecureResult.FEATURE_NOT_AVAILABLE),
                    "enable gave " + result);
            regionEnables += result == SecureResult.SUCCESS ? 1 : 0;
        } else if (kind == 1) {
            int from = random.nextInt(whole.capacity());
            ByteBuffer part = whole.position(from).limit(from + 1 + random.nextInt(whole.capacity() - from));
            int length = part.remaining();
            Arrays.fill(regionBytes, 0, length, (byte) 0x5A);
            part.put(from, regionBytes, 0, length);
            check(memory.secureClear(part) == SecureResult.SUCCESS, "secureClear failed");
            part.get(from, regionBytes, 0, length);
            for (int i = 0; i < length; i++) {
                check(regionBytes[i] == 0, "secureClear left byte " + (from + i));
            }
        } else if (regionEnables > 0) {
            SecureResult result = memory.disableSecureMode(whole);
            check(result == SecureResult.SUCCESS, "disable of an enabled region gave " + result);
            regionEnables--;
        }
        operations++;
    }

    /** Closes every buffer this driver holds and disables its region: the end of a run. */
    public void closeAll() {
        while (!live.isEmpty()) {
            closeOldest();
        }
        while (regionEnables > 0) {
            check(memory.disableSecureMode(region.duplicate().clear()) == SecureResult.SUCCESS, "final disable");
            regionEnables--;
        }
    }

    private Handle pick(SplittableRandom random) {
        if (live.isEmpty()) {
            allocate(1 + random.nextInt(64));
        }
        return live.get(random.nextInt(live.size()));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void expectThrows(Class<? extends Throwable> type, String what, Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return;
            }
            throw new AssertionError(what + ": expected " + type.getSimpleName() + " but got " + t, t);
        }
        throw new AssertionError(what + ": expected " + type.getSimpleName() + ", nothing thrown");
    }
}
