package org.lle.memory.secure.posix.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryException;

/**
 * Child of {@link MemfdFallbackTest}: a provider configured for memfd_secret allocates one buffer, either
 * normally or with every file descriptor taken (so memfd_secret fails with EMFILE), then reports what info()
 * claims and what the kernel says the buffer's mapping is. Arguments: {@code exhaust|control} and
 * {@code strict|lenient}.
 */
public final class MemfdFallbackChild {
    private static final String[] PRELOAD = {"org.lle.memory.secure.posix.internal.NativeFailure",
        "org.lle.memory.secure.posix.internal.ArenaLog", "org.lle.memory.secure.posix.internal.SecretMemoryFallback",
        "org.lle.memory.secure.SecureMemoryException", "org.lle.memory.secure.posix.internal.nativ.Errno",
        "org.lle.memory.secure.SecureResult"};

    private MemfdFallbackChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean exhaust = args[0].equals("exhaust");
        boolean strict = args[1].equals("strict");
        PosixSecureMemory memory = new PosixSecureMemory(
                new PosixSettings(strict, true, PosixSettings.DEFAULT_CHUNK_SIZE, false));
        report("probeMemfd", memory.probe().memfdSecret());
        report("capabilitiesBefore", capabilities(memory));
        memory.allocate(1000).close(); // another size class: loads every class of the allocation path
        // logging formats a date: load the time zone data and the formatter while files can still be opened
        java.util.logging.Logger.getLogger("org.lle.memory.secure.posix.warmup").warning("warm-up before EMFILE");
        for (String name : PRELOAD) {
            try {
                Class.forName(name);
            } catch (ClassNotFoundException absent) {
                // not in this version
            }
        }
        List<FileInputStream> held = new ArrayList<>();
        ArenaBuffer buffer = null;
        String thrown = "";
        try {
            if (exhaust) {
                try {
                    while (true) {
                        held.add(new FileInputStream("/dev/null"));
                    }
                } catch (IOException expected) {
                    // every descriptor is taken
                }
            }
            try {
                buffer = (ArenaBuffer) memory.allocate(64);
            } catch (SecureMemoryException e) {
                thrown = e.getMessage();
            }
        } finally {
            for (FileInputStream stream : held) {
                stream.close();
            }
        }
        report("descriptorsTaken", held.size());
        report("allocateThrew", thrown);
        report("capabilities", capabilities(memory));
        report("degraded", memory.info().degraded());
        report("reason", memory.info().degradationReason());
        if (buffer != null) {
            report("mapping", mapping(buffer.slot().address()));
            buffer.close();
        }
        report("done", true);
    }

    private static String capabilities(PosixSecureMemory memory) {
        return memory.info().capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** @return the /proc/self/maps line of the mapping holding {@code address} */
    private static String mapping(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.US_ASCII)) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return line;
            }
        }
        return "none";
    }

    private static void report(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }
}
