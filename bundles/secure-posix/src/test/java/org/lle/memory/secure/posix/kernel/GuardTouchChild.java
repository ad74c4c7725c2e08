package org.lle.memory.secure.posix.kernel;

import static org.lle.memory.secure.posix.kernel.ChildSide.report;

import com.sun.jna.Pointer;
import java.util.List;
import java.util.Optional;

/**
 * Child for the guard-page test. Finds the secure chunk's mapping and its neighbour, then reads one byte
 * through a raw native pointer: {@code after} = first byte past the chunk, {@code before} = last byte before
 * it, {@code inside} = the chunk's last byte (the control: same read path, one byte short of the guard).
 * Prints SURVIVED only if the read returned.
 */
public final class GuardTouchChild {
    private GuardTouchChild() {
    }

    public static void main(String[] args) {
        String where = args[0];
        PlantedSecret secret = PlantedSecret.plant(ChildSide.MARKER_SIZE);
        List<Mapping> now = ProcMaps.read("self");
        Mapping chunk = secret.mapping;
        Optional<Mapping> neighbour = where.equals("before")
                ? ProcMaps.previous(now, chunk) : ProcMaps.next(now, chunk);
        report("neighbour", neighbour.map(Mapping::toString).orElse("none"));
        report("neighbourInaccessible", neighbour.map(Mapping::inaccessible).orElse(false));
        report("neighbourNew", neighbour.map(n -> ProcMaps.isAdded(secret.before, n)).orElse(false));
        if (!where.equals("inside") && !neighbour.map(Mapping::inaccessible).orElse(false)) {
            ChildSide.abort("no PROT_NONE mapping " + where + " the secure chunk " + chunk + ": nothing to touch");
        }
        long target;
        switch (where) {
            case "after":
                target = chunk.end();
                break;
            case "before":
                target = chunk.start() - 1;
                break;
            case "inside":
                target = chunk.end() - 1;
                break;
            default:
                throw new IllegalArgumentException("where must be after, before or inside: " + where);
        }
        report("touch", Long.toHexString(target));
        byte value = new Pointer(target).getByte(0);
        report("read", value);
        System.out.println("SURVIVED");
        secret.buffer.close();
    }
}
