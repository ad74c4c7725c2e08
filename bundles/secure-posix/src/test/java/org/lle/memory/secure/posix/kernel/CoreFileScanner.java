package org.lle.memory.secure.posix.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Counts needles in a core file that can be gigabytes of mostly holes: it visits only the file's data
 * extents (SEEK_DATA / SEEK_HOLE; the whole file where the file system cannot tell) and reads them in
 * large blocks overlapping by {@code needle.length - 1} bytes. Needles hold no zero byte, so none can
 * lie in a hole or an all-zero page (gdb writes inaccessible ranges as zeros): those are skipped.
 */
final class CoreFileScanner {
    private static final int BLOCK = 8 << 20;
    private static final int PAGE = 4096;
    private static final byte[] ZERO_PAGE = new byte[PAGE];

    /** @param counts occurrences of each needle; dataBytes the bytes actually read */
    record Scan(long[] counts, long fileBytes, long dataBytes) {
    }

    private CoreFileScanner() {
    }

    static Scan scan(Path core, byte[]... needles) throws IOException {
        long[] counts = new long[needles.length];
        long dataBytes = 0;
        int fd = KernelLibc.open(core.toString(), KernelLibc.O_RDONLY);
        if (fd < 0) {
            throw new IOException("open(" + core + ") failed");
        }
        try (FileChannel channel = FileChannel.open(core, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] block = new byte[BLOCK];
            for (long pos = 0; pos < size; ) {
                long data = KernelLibc.lseek(fd, pos, KernelLibc.SEEK_DATA);
                if (data < 0) {
                    // ENXIO: only a hole is left; EINVAL: no SEEK_DATA here, so read the rest whole
                    data = lseekUnsupported(fd) ? pos : size;
                }
                long hole = data >= size ? size : KernelLibc.lseek(fd, data, KernelLibc.SEEK_HOLE);
                if (hole < 0 || hole > size) {
                    hole = size;
                }
                dataBytes += scanRange(channel, data, hole, block, needles, counts);
                pos = hole;
            }
            return new Scan(counts, size, dataBytes);
        } finally {
            KernelLibc.close(fd);
        }
    }

    private static boolean lseekUnsupported(int fd) {
        return KernelLibc.lseek(fd, 0, KernelLibc.SEEK_HOLE) < 0;
    }

    private static long scanRange(FileChannel channel, long from, long to, byte[] block, byte[][] needles,
            long[] counts) throws IOException {
        int overlap = needles[0].length - 1;
        long pos = from;
        while (pos < to) {
            int want = (int) Math.min(block.length, to - pos);
            ByteBuffer target = ByteBuffer.wrap(block, 0, want);
            while (target.hasRemaining()) {
                if (channel.read(target, pos + target.position()) < 0) {
                    break;
                }
            }
            int len = target.position();
            for (int page = 0; page < len; page += PAGE) {
                int end = Math.min(page + PAGE, len);
                if (Arrays.mismatch(block, page, end, ZERO_PAGE, 0, end - page) < 0) {
                    continue;
                }
                for (int n = 0; n < needles.length; n++) {
                    int which = n;
                    ByteSearch.forEachMatch(block, page, end, len, needles[n], i -> counts[which]++);
                }
            }
            if (pos + len >= to || len <= overlap) {
                break;
            }
            pos += len - overlap;
        }
        return to - from;
    }
}
