package org.lle.memory.secure.posix.internal;

import java.util.List;
import java.util.Set;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.internal.proc.Smaps;

/**
 * What the kernel says about this process's mappings, asked the way the tests of this bundle need it, through
 * the project's one smaps reader ({@link Smaps}, which the provider under test does not use). Each question
 * reads the file afresh.
 */
final class KernelSmaps {
    private KernelSmaps() {
    }

    /** @return the number of mappings of this process ({@code /proc/self/maps}) */
    static int mappingCount() {
        long count = ProcStatus.mappingCount();
        if (count < 0) {
            throw new AssertionError("/proc/self/maps cannot be read");
        }
        return (int) count;
    }

    /**
     * @return the bytes of all mappings whose VmFlags carry every one of {@code flags}. Bytes, not a count of
     *         mappings: the kernel merges neighbouring mappings with equal flags, so a count depends on where
     *         mmap put them
     */
    static long bytesOfMappingsFlagged(String... flags) {
        Set<String> wanted = Set.of(flags);
        return allMappings().stream().filter(m -> m.flags().containsAll(wanted)).mapToLong(Smaps.Mapping::size)
                .sum();
    }

    /** @return whether {@code address} lies in a mapping marked not dumped and not forked ({@code dd dc}) */
    static boolean isNotDumpedNorForked(long address) {
        return allMappings().stream().filter(m -> m.contains(address)).findFirst()
                .map(m -> m.flags().containsAll(Set.of("dd", "dc"))).orElse(false);
    }

    /** @return every smaps entry, from one read of the file @throws AssertionError when it cannot be read */
    static List<Smaps.Mapping> allMappings() {
        List<Smaps.Mapping> all = Smaps.current();
        if (all.isEmpty()) {
            throw new AssertionError("/proc/self/smaps cannot be read");
        }
        return all;
    }

    /** @return the smaps entry of the mapping holding {@code address} @throws AssertionError when none does */
    static Smaps.Mapping mappingAt(long address) {
        return allMappings().stream().filter(m -> m.contains(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no mapping holds 0x" + Long.toHexString(address)));
    }

    /** @return the smaps entry of the mapping that ends exactly at {@code address} (the one just below it) */
    static Smaps.Mapping mappingEndingAt(long address) {
        return allMappings().stream().filter(m -> m.end() == address).findFirst()
                .orElseThrow(() -> new AssertionError("no mapping ends at 0x" + Long.toHexString(address)));
    }
}
