package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Child for the /proc/pid/mem test: a marker in a secure buffer and one in a plain direct buffer, both
 * addresses reported; holds them until the test sends a line.
 */
public final class ProcMemTargetChild {
    private ProcMemTargetChild() {
    }

    public static void main(String[] args) throws Exception {
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        report("secretAddress", Long.toHexString(secret.address));
        report("secret", ChildSide.hex(secret.marker));
        ByteBuffer control = ByteBuffer.allocateDirect(ChildSide.MARKER_SIZE);
        byte[] controlMarker = ChildSide.randomMarker();
        control.put(0, controlMarker);
        report("controlAddress", Long.toHexString(ChildSide.address(control)));
        report("control", ChildSide.hex(controlMarker));
        System.out.println("READY");
        System.out.flush();
        ChildSide.awaitCommand();
        secret.buffer.close();
        Reference.reachabilityFence(control);
    }
}
