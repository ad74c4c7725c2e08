package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.lle.memory.secure.SecureBuffer;

/**
 * Child for the wipe test: reads the secure buffer's bytes through a raw pointer at the address found by
 * content (an independent view, not the buffer's own accessors) before and after clear() and close(), and
 * a direct buffer's bytes before and after secureClear.
 */
public final class WipeProbeChild {
    private WipeProbeChild() {
    }

    public static void main(String[] args) {
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        // a neighbour in the same size class keeps the chunk mapped after the secret is closed
        SecureBuffer keeper = secret.memory.allocate(ChildSide.MARKER_SIZE);
        report("rawBeforeClear", Arrays.equals(raw(secret.address), secret.marker));
        secret.buffer.clear();
        report("rawAfterClearZero", ChildSide.allZero(raw(secret.address)));

        secret.buffer.write(0, secret.marker, 0, secret.marker.length);
        report("rawBeforeClose", Arrays.equals(raw(secret.address), secret.marker));
        secret.buffer.close();
        Optional<Mapping> still = ProcMaps.containing(ProcMaps.read("self"), secret.address);
        report("mappedAfterClose", still.map(Mapping::readable).orElse(false));
        if (still.map(Mapping::readable).orElse(false)) {
            report("rawAfterCloseZero", ChildSide.allZero(raw(secret.address)));
        }

        ByteBuffer direct = ByteBuffer.allocateDirect(ChildSide.MARKER_SIZE);
        direct.put(0, secret.marker);
        long address = ChildSide.address(direct);
        report("rawDirectBeforeClear", Arrays.equals(raw(address), secret.marker));
        report("secureClearDirect", secret.memory.secureClear(direct));
        report("rawDirectAfterClearZero", ChildSide.allZero(raw(address)));
        keeper.close();
        System.out.println("DONE");
    }

    private static byte[] raw(long address) {
        return new Pointer(address).getByteArray(0, ChildSide.MARKER_SIZE);
    }
}
