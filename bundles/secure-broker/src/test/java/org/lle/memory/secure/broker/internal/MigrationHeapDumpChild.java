package org.lle.memory.secure.broker.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * The child JVM of {@link MigrationHeapDumpTest}: a swap storm between two real no-op providers over buffers
 * holding random 32-byte markers, a heap dump (unreachable objects included) taken while a move is copying a
 * marker into the new provider and another after the storm, then a count of the markers each dump holds.
 *
 * <p>No marker ever passes through a Java array before both dumps are written: the markers are put a byte at a
 * time from a seeded generator, and rebuilt from the same seeds only to check the contents and search the dumps.
 *
 * <p>System properties: {@code mode} is {@code locked} (the broker's transfer) or {@code heap} (the old
 * heap-array transfer), {@code dir} the directory for the dumps. Prints one line: {@code RESULT inFlight=<n> after=<n> intact=<bool> moves=<n>}.
 */
public final class MigrationHeapDumpChild {
    static final int BUFFERS = 64;
    static final int MARKER = 32;
    static final int SWAPS = 200;
    static final long SEED = 0x5eC12e7L;

    private static int writes;
    private static long dumpAtWrite;
    private static Path inFlightDump;

    public static void main(String[] args) throws Exception {
        Transfer.Factory transfers = System.getProperty("mode").equals("heap") ? new HeapArrayTransfer()
                : new LockedScratchTransfer();
        Path dir = Path.of(System.getProperty("dir"));
        inFlightDump = dir.resolve("in-flight.hprof");
        Path afterDump = dir.resolve("after.hprof");
        HotSwapBroker broker = new HotSwapBroker(transfers);
        HookedProvider a = new HookedProvider(new NoopSecureMemory(), MigrationHeapDumpChild::beforeWrite);
        HookedProvider b = new HookedProvider(new NoopSecureMemory(), MigrationHeapDumpChild::beforeWrite);
        broker.bind(a);
        SecureBuffer[] buffers = new SecureBuffer[BUFFERS];
        for (int i = 0; i < BUFFERS; i++) {
            buffers[i] = broker.allocate(MARKER);
            SplittableRandom random = new SplittableRandom(SEED + i);
            for (int j = 0; j < MARKER; j++) {
                buffers[i].put(j, (byte) random.nextInt());
            }
        }
        writes = 0;
        dumpAtWrite = (long) BUFFERS * (SWAPS / 2) + BUFFERS / 2; // mid-storm, mid-swap
        for (int swap = 0; swap < SWAPS; swap++) {
            broker.bind(swap % 2 == 0 ? b : a);
        }
        dump(afterDump);

        boolean intact = true;
        byte[][] markers = new byte[BUFFERS][];
        for (int i = 0; i < BUFFERS; i++) {
            markers[i] = marker(i);
            intact &= buffers[i].contentEquals(markers[i]);
        }
        System.out.println("RESULT inFlight=" + count(inFlightDump, markers) + " after=" + count(afterDump, markers)
                + " intact=" + intact + " moves=" + broker.movedBuffers() + " dumpBytes=" + Files.size(afterDump));
        Files.deleteIfExists(inFlightDump);
        Files.deleteIfExists(afterDump);
    }

    private static void beforeWrite() {
        if (++writes == dumpAtWrite) {
            dump(inFlightDump);
        }
    }

    private static void dump(Path file) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), false);
        } catch (IOException e) {
            throw new IllegalStateException("heap dump to " + file + " failed", e);
        }
    }

    static byte[] marker(int i) {
        SplittableRandom random = new SplittableRandom(SEED + i);
        byte[] marker = new byte[MARKER];
        for (int j = 0; j < MARKER; j++) {
            marker[j] = (byte) random.nextInt();
        }
        return marker;
    }

    /** @return how many of {@code markers} occur somewhere in {@code file} */
    static int count(Path file, byte[][] markers) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no dump at " + file);
        }
        long[] prefixes = new long[markers.length];
        for (int i = 0; i < markers.length; i++) {
            prefixes[i] = java.nio.ByteBuffer.wrap(markers[i]).order(ByteOrder.BIG_ENDIAN).getLong();
        }
        long[] sorted = prefixes.clone();
        Arrays.sort(sorted);
        boolean[] found = new boolean[markers.length];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long base = 0; base < size; base += Integer.MAX_VALUE / 2) {
                long length = Math.min(size - base, Integer.MAX_VALUE / 2 + MARKER);
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, base, length);
                map.order(ByteOrder.BIG_ENDIAN);
                for (int at = 0; at + MARKER <= length; at++) {
                    if (Arrays.binarySearch(sorted, map.getLong(at)) >= 0) {
                        for (int i = 0; i < markers.length; i++) {
                            if (!found[i] && prefixes[i] == map.getLong(at) && matches(map, at, markers[i])) {
                                found[i] = true;
                            }
                        }
                    }
                }
            }
        }
        int n = 0;
        for (boolean f : found) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static boolean matches(MappedByteBuffer map, int at, byte[] marker) {
        for (int j = 0; j < marker.length; j++) {
            if (map.get(at + j) != marker[j]) {
                return false;
            }
        }
        return true;
    }
}
