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
    final PoolSizeClass[] classes;
    final int largestClass;
    /** Class index by {@code (size - 1) >>> granuleShift}, when every class is a multiple of the granule. */
    private final byte[] classByGranule;
    private final int granuleShift;
    private volatile boolean retired;

    TypePools(int typeIndex, TypeConfig config, SlabAccount account) {
        this.config = config;
        List<Integer> sizes = config.sizeClasses();
        this.classes = new PoolSizeClass[sizes.size()];
        int common = 0;
        for (int c = 0; c < classes.length; c++) {
            classes[c] = new PoolSizeClass(this, typeIndex, c, sizes.get(c), config.poolsPerClass(),
                    config.blocksPerPool(), config.budgetBytes(), account);
            common |= sizes.get(c);
        }
        this.largestClass = classes[classes.length - 1].blockSize;
        // the largest power of two dividing every class: a request rounded up to it falls in the same class
        this.granuleShift = Integer.numberOfTrailingZeros(common);
        int entries = largestClass >>> granuleShift;
        if (entries <= 1 << 16 && classes.length <= Byte.MAX_VALUE) {
            classByGranule = new byte[entries];
            int c = 0;
            for (int i = 0; i < entries; i++) {
                int size = (i + 1) << granuleShift;
                while (classes[c].blockSize < size) {
                    c++;
                }
                classByGranule[i] = (byte) c;
            }
        } else {
            classByGranule = null;
        }
    }

    boolean isRetired() {
        return retired;
    }

    /** Stops reuse: free slots are let go so their slabs can be collected once the live blocks close. */
    void retire() {
        retired = true;
        for (PoolSizeClass sizeClass : classes) {
            for (SlotPool pool : sizeClass.pools) {
                pool.retire();
            }
        }
    }

    /** Lets go of empty slabs: those that stayed empty long enough, or all of them. */
    void sweep(boolean all) {
        for (PoolSizeClass sizeClass : classes) {
            sizeClass.sweep(all);
        }
    }

    int largestClass() {
        return largestClass;
    }

    /** @return the index of the smallest class holding {@code size} (which must be within the largest) */
    int primaryClass(int size) {
        if (classByGranule != null) {
            return classByGranule[(size - 1) >>> granuleShift];
        }
        int c = 0;
        while (classes[c].blockSize < size) {
            c++;
        }
        return c;
    }
}
