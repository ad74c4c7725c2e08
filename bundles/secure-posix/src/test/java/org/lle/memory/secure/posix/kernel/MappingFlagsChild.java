package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Child for the VmFlags test: reports the smaps fields of the secure buffer's mapping and, as the
 * control, of a plain direct buffer's mapping (1 MiB, so malloc gives it its own mmap).
 */
public final class MappingFlagsChild {
    private MappingFlagsChild() {
    }

    public static void main(String[] args) {
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        report("secretLocked", secret.buffer.isLocked());
        report("capabilities", secret.memory.info().capabilities());
        reportSmaps("secret", secret.address);

        ByteBuffer control = ByteBuffer.allocateDirect(1 << 20);
        for (int i = 0; i < control.capacity(); i += 4096) {
            control.put(i, (byte) 1);
        }
        reportSmaps("control", ChildSide.address(control));
        Reference.reachabilityFence(control);
        secret.buffer.close();
        System.out.println("DONE");
    }

    private static void reportSmaps(String prefix, long address) {
        Map<String, String> fields = ProcMaps.smapsFieldsAt("self", address);
        if (fields.isEmpty()) {
            ChildSide.abort("no smaps entry contains " + Long.toHexString(address));
        }
        report(prefix + "Mapping", fields.get("Mapping"));
        report(prefix + "VmFlags", fields.get("VmFlags"));
        report(prefix + "Size", fields.get("Size"));
        report(prefix + "Rss", fields.get("Rss"));
        report(prefix + "LockedField", fields.get("Locked"));
    }
}
