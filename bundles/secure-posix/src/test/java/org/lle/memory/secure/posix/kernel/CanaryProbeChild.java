package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import com.sun.jna.Pointer;
import org.lle.memory.secure.SecureBuffer;

/**
 * Child for the canary test: overflows a secure buffer by one byte through a raw pointer (the API itself
 * cannot overflow), then closes it and reports what close() did. The control: a neighbour that was not
 * overflowed closes quietly. Also reports whether the overflowed buffer's bytes were still wiped.
 */
public final class CanaryProbeChild {
    private CanaryProbeChild() {
    }

    public static void main(String[] args) {
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        // a live neighbour in the same size class also keeps the chunk mapped for the raw read after close
        SecureBuffer neighbour = secret.memory.allocate(ChildSide.MARKER_SIZE);

        Pointer end = new Pointer(secret.address + secret.buffer.size());
        end.setByte(0, (byte) (end.getByte(0) ^ 0x5A));
        report("overflowClose", closeOutcome(secret.buffer));
        report("overflowClosed", secret.buffer.isClosed());
        boolean mapped = ProcMaps.containing(ProcMaps.read("self"), secret.address).map(Mapping::readable)
                .orElse(false);
        report("overflowWiped", mapped
                && ChildSide.allZero(new Pointer(secret.address).getByteArray(0, ChildSide.MARKER_SIZE)));
        report("controlClose", closeOutcome(neighbour));
        System.out.println("DONE");
    }

    private static String closeOutcome(SecureBuffer buffer) {
        try {
            buffer.close();
            return "quiet";
        } catch (RuntimeException | Error e) {
            return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }
}
