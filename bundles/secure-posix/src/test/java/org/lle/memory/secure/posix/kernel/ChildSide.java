package org.lle.memory.secure.posix.kernel;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** What every child main needs: key=value reports on stdout, random markers, native addresses, stdin. */
final class ChildSide {
    static final int MARKER_SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BufferedReader STDIN =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));

    private ChildSide() {
    }

    /** One {@code key=value} line, flushed at once so the test sees it even if the child dies next. */
    static void report(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

    /** A random marker without zero bytes, so it can never straddle a hole of a sparse core file. */
    static byte[] randomMarker() {
        // a collection between here and the caller's wipe would copy the array and leave the old copy unwiped
        // in a freed heap region (a false find in a core dump); after a full collection the young generation is
        // empty, and the few kilobytes allocated before the wipe are far from starting another
        System.gc();
        byte[] marker = new byte[MARKER_SIZE];
        RANDOM.nextBytes(marker);
        for (int i = 0; i < marker.length; i++) {
            while (marker[i] == 0) {
                marker[i] = (byte) RANDOM.nextInt(256);
            }
        }
        return marker;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct)) + direct.position();
    }

    static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Blocks until the test sends a line (or closes stdin). */
    static String awaitCommand() throws IOException {
        String line = STDIN.readLine();
        return line == null ? "eof" : line.trim();
    }

    /** Reports a failed precondition and exits with a code the test shows next to the output. */
    static void abort(String why) {
        report("error", why);
        System.exit(3);
    }
}
