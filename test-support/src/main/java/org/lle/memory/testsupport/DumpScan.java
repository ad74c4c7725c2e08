package org.lle.memory.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts a text in a dump file (heap dump or core file) in every form a JVM can hold it: UTF-8 (byte[], native
 * buffers), UTF-16LE (a String's bytes, a char[] in memory) and UTF-16BE (a char[] as HPROF writes it). The file
 * is read in large blocks overlapping by the longest needle; pages of zeros (the holes of a core file) are skipped.
 * Texts must start with an ASCII character other than NUL.
 */
public final class DumpScan {
    private static final int BLOCK = 8 << 20;
    private static final int PAGE = 4096;
    private static final byte[] ZERO_PAGE = new byte[PAGE];

    private DumpScan() {
    }

    /** @return for each text, its occurrences in all three forms together, and per form */
    public static Map<String, long[]> count(Path file, String... texts) throws IOException {
        byte[][] needles = new byte[texts.length * 3][];
        int longest = 0;
        for (int t = 0; t < texts.length; t++) {
            needles[3 * t] = texts[t].getBytes(StandardCharsets.UTF_8);
            needles[3 * t + 1] = texts[t].getBytes(StandardCharsets.UTF_16LE);
            // without its first byte, which is 0 for the ASCII first character every text here starts with
            byte[] be = texts[t].getBytes(StandardCharsets.UTF_16BE);
            needles[3 * t + 2] = Arrays.copyOfRange(be, 1, be.length);
            for (int k = 0; k < 3; k++) {
                longest = Math.max(longest, needles[3 * t + k].length);
            }
        }
        long[] hits = new long[needles.length];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] block = new byte[BLOCK];
            long pos = 0;
            while (pos < size) {
                ByteBuffer target = ByteBuffer.wrap(block, 0, (int) Math.min(BLOCK, size - pos));
                while (target.hasRemaining() && channel.read(target, pos + target.position()) >= 0) {
                    // fill the block
                }
                int len = target.position();
                // a match must start before len - longest + 1 unless this is the last block
                int startLimit = pos + len >= size ? len : len - longest + 1;
                scan(block, len, startLimit, needles, hits);
                if (pos + len >= size) {
                    break;
                }
                pos += startLimit;
            }
        }
        Map<String, long[]> result = new LinkedHashMap<>();
        for (int t = 0; t < texts.length; t++) {
            long utf8 = hits[3 * t];
            long le = hits[3 * t + 1];
            long be = hits[3 * t + 2];
            result.put(texts[t], new long[] {utf8 + le + be, utf8, le, be});
        }
        return result;
    }

    private static void scan(byte[] block, int len, int startLimit, byte[][] needles, long[] hits) {
        boolean[] starts = new boolean[256];
        for (byte[] needle : needles) {
            starts[needle[0] & 0xff] = true;
        }
        for (int page = 0; page < startLimit; page += PAGE) {
            int pageEnd = Math.min(page + PAGE, len);
            if (pageEnd - page == PAGE && Arrays.equals(block, page, pageEnd, ZERO_PAGE, 0, PAGE)) {
                continue; // no needle starts with a zero byte, so none starts in a page of zeros
            }
            int startEnd = Math.min(page + PAGE, startLimit);
            for (int i = page; i < startEnd; i++) {
                if (starts[block[i] & 0xff]) {
                    for (int n = 0; n < needles.length; n++) {
                        byte[] needle = needles[n];
                        if (i + needle.length <= len && Arrays.equals(block, i, i + needle.length, needle, 0, needle.length)) {
                            hits[n]++;
                        }
                    }
                }
            }
        }
    }
}
