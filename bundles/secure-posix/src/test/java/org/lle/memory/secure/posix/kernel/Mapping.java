package org.lle.memory.secure.posix.kernel;

/** One line of {@code /proc/<pid>/maps}: an address range with its permissions and backing. */
record Mapping(long start, long end, String perms, long offset, long inode, String path) {

    static Mapping parse(String line) {
        String[] f = line.trim().split("\\s+", 6);
        String[] range = f[0].split("-");
        return new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
                Long.parseUnsignedLong(f[2], 16), Long.parseLong(f[4]), f.length > 5 ? f[5] : "");
    }

    long size() {
        return end - start;
    }

    boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    boolean readable() {
        return perms.charAt(0) == 'r';
    }

    /** PROT_NONE: any access faults. */
    boolean inaccessible() {
        return perms.startsWith("---");
    }

    /** Anonymous memory or a memfd / memfd_secret file: safe to read whole (no file end to fault on). */
    boolean anonymousLike() {
        return inode == 0 || path.startsWith("/secretmem") || path.startsWith("/memfd:");
    }

    @Override
    public String toString() {
        return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + perms + " " + (size() / 1024) + "KiB"
                + (path.isEmpty() ? "" : " " + path);
    }
}
