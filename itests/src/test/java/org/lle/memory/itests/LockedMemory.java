package org.lle.memory.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says this process has locked: the VmLck line of /proc/self/status. */
final class LockedMemory {
    private LockedMemory() {
    }

    /** @return locked bytes of this process now */
    static long vmLckBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmLck:")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length != 3 || !"kB".equals(parts[2])) {
                        throw new IllegalStateException("unexpected VmLck line: " + line);
                    }
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
            throw new IllegalStateException("no VmLck line in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
    }
}
