package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import com.sun.jna.Pointer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/**
 * Child for the truncated-mapping test: a 64 KiB file mapped read-write, then (unless {@code whole}) truncated
 * to 0 behind the mapping, so touching it raises SIGBUS. {@code secureClear} must leave the JVM alive (the
 * JVM turns the fault in its own access into an InternalError); {@code native} is the control: the same
 * wipe done by a foreign call (JNA setMemory), which the JVM cannot rescue. Prints SURVIVED when alive.
 */
public final class TruncatedMappingChild {
    private static final int SIZE = 64 << 10;

    private TruncatedMappingChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        SecureMemory memory = SecureMemories.detect();
        report("provider", memory.info().provider());
        Path file = Files.createTempFile("lle-truncated", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[SIZE]));
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            if (!mode.equals("whole")) {
                channel.truncate(0);
            }
            String outcome;
            try {
                if (mode.equals("native")) {
                    new Pointer(ChildSide.address(map)).setMemory(0, SIZE, (byte) 0);
                    outcome = "native wipe returned";
                } else {
                    outcome = memory.secureClear(map).name();
                }
                report("firstByte", map.get(0)); // the JVM may deliver the fault's InternalError here
            } catch (Throwable t) {
                outcome = t.getClass().getName();
            }
            report("outcome", outcome);
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.println("SURVIVED");
    }
}
