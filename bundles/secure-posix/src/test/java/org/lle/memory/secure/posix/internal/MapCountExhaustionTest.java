package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Exhaustion of {@code vm.max_map_count}, for real, in a child JVM: the child first uses up all but a few
 * hundred of the mappings the kernel allows it (one PROT_NONE reservation split page by page with
 * mprotect; the sysctl itself is global and is not touched), then allocates buffers that each need a mapping
 * of their own until the kernel refuses. Expected: SecureMemoryException(OUT_OF_MEMORY) naming the call and
 * ENOMEM, every live buffer intact, and allocation working again once some buffers are closed.
 */
class MapCountExhaustionTest {
    private static final int HEADROOM = 300;
    private static final int MAX_BUFFERS = 2000;

    @Test
    void atTheMapCountLimitAllocateRefusesWithOutOfMemoryKeepsLiveBuffersAndRecovers() throws Exception {
        Map<String, String> v = runChild();
        assertThat(Long.parseLong(v.get("headroom"))).as("the child left itself little headroom; %s", v)
                .isLessThanOrEqualTo(HEADROOM + 50);
        assertThat(v.get("refusedResult")).as("%s", v).isEqualTo("OUT_OF_MEMORY");
        assertThat(v.get("refusedMessage")).contains("ENOMEM").containsAnyOf("mmap", "mprotect");
        assertThat(Integer.parseInt(v.get("allocatedBeforeRefusal"))).as("%s", v).isPositive().isLessThan(MAX_BUFFERS);
        assertThat(v.get("intactAfterRefusal")).isEqualTo("true");
        assertThat(v.get("smallAfterRefusal")).as("a new class needs a mapping too: %s", v)
                .isIn("OUT_OF_MEMORY", "ok");
        assertThat(v.get("degradedAfterRefusal")).as("a refusal is not a degradation: %s", v).isEqualTo("false");
        assertThat(v.get("allocateAfterClosingHalf")).as("%s", v).isEqualTo("ok");
        assertThat(v.get("intactAtEnd")).isEqualTo("true");
        assertThat(v.get("vmLckAtEnd")).isEqualTo("0");
    }

    private static Map<String, String> runChild() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx64m", "-Xms64m", "-XX:+UseSerialGC", "-Xint", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), Child.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        System.out.println("map count child: " + out.replace('\n', ' '));
        assertThat(process.exitValue()).as("child output: %s", out).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        assertThat(values).as(out).containsKey("done");
        return values;
    }

    /** The child: burns mappings, then exhausts the rest with dedicated secure buffers. */
    public static final class Child {
        private static final int PAGE = 4096;

        static {
            Native.register(Child.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

        private static native int mprotect(long address, long length, int prot);

        private static native int munmap(long address, long length);

        public static void main(String[] args) throws IOException {
            try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
                run(memory);
            }
            System.out.println("vmLckAtEnd=" + KernelStatus.vmLckBytes());
            System.out.println("done=true");
        }

        private static void run(PosixSecureMemory memory) throws IOException {
            // warm up every path first: loading classes later may need mappings the test has used up
            memory.allocate(100_000).close();
            memory.allocate(32).close();
            try {
                throw new SecureMemoryException(org.lle.memory.secure.SecureResult.OUT_OF_MEMORY, "warm-up");
            } catch (SecureMemoryException expected) {
                System.out.println("warmedUp=" + expected.result());
            }
            long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
            int now = KernelSmaps.mappingCount();
            long pages = max - now - HEADROOM;
            long burn = mmap(0, pages * PAGE, 0, 0x22 | 0x4000, -1, 0); // PROT_NONE, private anonymous noreserve
            if (burn == -1) {
                throw new IllegalStateException("mmap of the burn region (" + pages + " pages, " + now
                        + " mappings of " + max + ") failed: errno " + Native.getLastError());
            }
            for (long p = 1; p < pages; p += 2) { // every other page readable: one mapping per page
                if (mprotect(burn + p * PAGE, PAGE, 1) != 0) {
                    break; // the limit came early (other threads mapped too): fine, the headroom is smaller
                }
            }
            System.out.println("maxMapCount=" + max);
            System.out.println("headroom=" + (max - KernelSmaps.mappingCount()));

            List<SecureBuffer> live = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            SecureMemoryException refused = null;
            for (int i = 0; i < MAX_BUFFERS && refused == null; i++) {
                try {
                    SecureBuffer buffer = memory.allocate(65_537 + i);
                    byte[] content = new byte[64];
                    Arrays.fill(content, (byte) (i + 1));
                    buffer.write(buffer.size() - 64, content, 0, 64);
                    live.add(buffer);
                    contents.add(content);
                } catch (SecureMemoryException e) {
                    refused = e;
                }
            }
            System.out.println("allocatedBeforeRefusal=" + live.size());
            System.out.println("refusedResult=" + (refused == null ? "none" : refused.result()));
            System.out.println("refusedMessage=" + (refused == null ? "" : refused.getMessage()));
            System.out.println("intactAfterRefusal=" + intact(live, contents));
            String small;
            try {
                memory.allocate(1536).close(); // a class with no chunk yet
                small = "ok";
            } catch (SecureMemoryException e) {
                small = e.result().name();
            }
            System.out.println("smallAfterRefusal=" + small);
            System.out.println("degradedAfterRefusal=" + memory.info().degraded() + " "
                    + memory.info().degradationReason());

            for (int i = live.size() - 1; i >= 0; i -= 2) {
                live.remove(i).close();
                contents.remove(i);
            }
            String again;
            try (SecureBuffer buffer = memory.allocate(200_000)) {
                buffer.put(199_999, (byte) 1);
                again = buffer.get(199_999) == 1 ? "ok" : "wrong contents";
            } catch (SecureMemoryException e) {
                again = e.getMessage();
            }
            System.out.println("allocateAfterClosingHalf=" + again);
            System.out.println("intactAtEnd=" + intact(live, contents));
            live.forEach(SecureBuffer::close);
            munmap(burn, pages * PAGE);
        }

        private static boolean intact(List<SecureBuffer> live, List<byte[]> contents) {
            for (int i = 0; i < live.size(); i++) {
                byte[] back = new byte[64];
                live.get(i).read(live.get(i).size() - 64, back, 0, 64);
                if (!Arrays.equals(back, contents.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
