package org.lle.memory.pool.internal;

import java.util.List;
import org.lle.memory.pool.TypeConfig;

/**
 * The size classes and pools of one type, built from its {@link TypeConfig}. A reconfiguration that changes
 * the type's config builds new ones and retires these: blocks they handed out stay valid, and when closed
 * their slots are dropped instead of reused. A reconfiguration that leaves the type's config alone keeps them.
 */
final class TypePools {
    final TypeConfig config;
    /** Smallest first. */
    final SizeClass[] classes;
    private volatile boolean retired;

    TypePools(int typeIndex, TypeConfig config) {
        this.config = config;
        List<Integer> sizes = config.sizeClasses();
        this.classes = new SizeClass[sizes.size()];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = new SizeClass(this, typeIndex, c, sizes.get(c), config.poolsPerClass(),
                    config.blocksPerPool());
        }
    }

    boolean isRetired() {
        return retired;
    }

    /** Stops reuse: free slots are let go so their slabs can be collected once the live blocks close. */
    void retire() {
        retired = true;
        dropFree();
    }

    /** Lets go of every free slot of these pools. */
    void dropFree() {
        for (SizeClass sizeClass : classes) {
            for (SlotPool pool : sizeClass.pools) {
                pool.dropFree();
            }
        }
    }

    int largestClass() {
        return classes[classes.length - 1].blockSize;
    }

    /** @return the index of the smallest class holding {@code size} (which must be within the largest) */
    int primaryClass(int size) {
        int c = 0;
        while (classes[c].blockSize < size) {
            c++;
        }
        return c;
    }
}
