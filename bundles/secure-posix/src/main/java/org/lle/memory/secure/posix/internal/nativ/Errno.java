package org.lle.memory.secure.posix.internal.nativ;

/** The errno values the provider tells apart (Linux numbers), with their names for messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;

    private Errno() {
    }

    /** @return e.g. {@code "ENOMEM (12)"} */
    public static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            default -> "errno";
        };
        return name + " (" + errno + ")";
    }
}
