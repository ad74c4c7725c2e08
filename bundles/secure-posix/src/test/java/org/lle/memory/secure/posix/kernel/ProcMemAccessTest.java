package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * MEMFD_SECRET, as another process sees it: with the memfd_secret backend the secure buffer cannot be
 * read through /proc/<pid>/mem (the kernel answers EIO: the pages are out of its direct map), while a
 * plain buffer of the same process can. The control: with the default mlock backend the same read of the
 * secure buffer succeeds, so the check does see memory when it is there.
 */
class ProcMemAccessTest {

    @Test
    void memfdSecretMemoryIsUnreadableThroughProcPidMem() throws Exception {
        try (ChildJvm child = Backend.MEMFD_SECRET.configure(ChildJvm.of(ProcMemTargetChild.class)).start()) {
            child.awaitLine("READY", ChildJvm.DEFAULT_TIMEOUT);
            Backend.MEMFD_SECRET.assertHolds(child.value("secretMapping"));
            assertThat(readProcMem(child, "controlAddress")).as("control: a plain buffer reads back")
                    .isEqualTo(HexFormat.of().parseHex(child.value("control")));
            assertThatThrownBy(() -> readProcMem(child, "secretAddress"))
                    .as("reading memfd_secret memory through /proc/%d/mem", child.pid())
                    .isInstanceOf(IOException.class);
            child.send("exit");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(child.describe()).isZero();
        }
    }

    @Test
    void controlMlockArenaMemoryIsReadableThroughProcPidMem() throws Exception {
        try (ChildJvm child = Backend.MLOCK_ARENA.configure(ChildJvm.of(ProcMemTargetChild.class)).start()) {
            child.awaitLine("READY", ChildJvm.DEFAULT_TIMEOUT);
            Backend.MLOCK_ARENA.assertHolds(child.value("secretMapping"));
            assertThat(readProcMem(child, "secretAddress")).as("without memfd_secret the read succeeds")
                    .isEqualTo(HexFormat.of().parseHex(child.value("secret")));
            child.send("exit");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(child.describe()).isZero();
        }
    }

    private static byte[] readProcMem(ChildJvm child, String addressKey) throws IOException {
        long address = Long.parseUnsignedLong(child.value(addressKey), 16);
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + child.pid() + "/mem", "r")) {
            mem.seek(address);
            byte[] bytes = new byte[ChildSide.MARKER_SIZE];
            mem.readFully(bytes);
            return bytes;
        }
    }
}
