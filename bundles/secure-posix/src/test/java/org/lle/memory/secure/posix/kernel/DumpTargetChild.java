package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.hex;
import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/**
 * Child for the core-dump test: one random marker in a secure buffer, another in a plain direct buffer
 * (the control). Both source arrays are wiped, so each marker lives only where it was put. Prints the
 * markers as hex, then READY, and holds them until the test sends a line.
 */
public final class DumpTargetChild {
    private DumpTargetChild() {
    }

    public static void main(String[] args) throws Exception {
        List<Mapping> before = ProcMaps.read("self");
        SecureMemory memory = SecureMemories.detect();
        report("provider", memory.info().provider());

        SecureBuffer secret = memory.allocate(ChildSide.MARKER_SIZE);
        byte[] marker = ChildSide.randomMarker();
        secret.write(0, marker, 0, marker.length);
        report("secret", hex(marker));
        byte[] readBack = new byte[marker.length];
        secret.read(0, readBack, 0, readBack.length);
        boolean held = Arrays.equals(marker, readBack);
        memory.secureClear(marker);
        memory.secureClear(readBack);
        report("secretHeld", held);
        report("secretLocked", secret.isLocked());
        // the mappings the provider added, without reading them (no copy of the marker may reach the heap)
        report("secretMappings", ProcMaps.added(before, ProcMaps.read("self")));

        ByteBuffer control = ByteBuffer.allocateDirect(ChildSide.MARKER_SIZE);
        byte[] controlMarker = ChildSide.randomMarker();
        control.put(0, controlMarker);
        report("control", hex(controlMarker));
        memory.secureClear(controlMarker);

        report("pid", ProcessHandle.current().pid());
        System.out.println("READY");
        System.out.flush();
        ChildSide.awaitCommand();
        secret.close();
        Reference.reachabilityFence(control);
    }
}
