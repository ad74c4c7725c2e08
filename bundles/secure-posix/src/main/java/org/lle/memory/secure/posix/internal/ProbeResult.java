package org.lle.memory.secure.posix.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lle.memory.secure.SecureCapability;

/**
 * What the start-time probe found on this machine. Only what was tried and worked is claimed.
 *
 * @param usable         libc loaded and anonymous memory can be mapped: the provider can offer itself
 * @param refusal        why not usable, or {@code ""}
 * @param pageSize       bytes per page
 * @param lockFailure    why one page could not be locked (call and errno), or {@code ""} when it could
 * @param lockErrno      errno of that failure, 0 when locking works
 * @param dontDump       MADV_DONTDUMP worked
 * @param dontFork       MADV_DONTFORK worked
 * @param guardPages     mprotect(PROT_NONE) worked
 * @param memfdSecret    memfd_secret + ftruncate + mmap(MAP_SHARED) worked (x86-64 only)
 * @param lockLimitBytes RLIMIT_MEMLOCK; {@link Long#MAX_VALUE} when unlimited or with CAP_IPC_LOCK; -1 unknown
 * @param capIpcLock     the process has CAP_IPC_LOCK in its effective set
 */
public record ProbeResult(boolean usable, String refusal, int pageSize, String lockFailure, int lockErrno,
        boolean dontDump, boolean dontFork, boolean guardPages, boolean memfdSecret,
        long lockLimitBytes, boolean capIpcLock) {

    /** @return a probe result for a platform where the provider cannot work at all */
    public static ProbeResult refused(String why) {
        return new ProbeResult(false, why, 4096, why, 0, false, false, false, false, -1, false);
    }

    /** @return whether one page could be locked */
    public boolean canLock() {
        return lockErrno == 0 && usable;
    }

    /** @return the protections that work here with these settings */
    public Set<SecureCapability> capabilities(PosixSettings settings) {
        Set<SecureCapability> caps = EnumSet.noneOf(SecureCapability.class);
        if (!usable) {
            return caps;
        }
        caps.add(SecureCapability.SECURE_WIPE);
        caps.add(SecureCapability.CANARIES);
        if (canLock()) {
            caps.add(SecureCapability.MLOCK);
        }
        if (dontDump) {
            caps.add(SecureCapability.NO_CORE_DUMP);
        }
        if (dontFork) {
            caps.add(SecureCapability.NO_FORK_INHERIT);
        }
        if (guardPages) {
            caps.add(SecureCapability.GUARD_PAGES);
        }
        if (memfdSecret && settings.memfdSecret()) {
            caps.add(SecureCapability.MEMFD_SECRET);
        }
        return caps;
    }

    /** @return why protections a user expects are missing, or {@code ""} */
    public String degradationReason() {
        if (!usable) {
            return refusal;
        }
        List<String> missing = new ArrayList<>();
        if (!canLock()) {
            missing.add("pages cannot be locked: " + lockFailure + " (RLIMIT_MEMLOCK "
                    + (lockLimitBytes == Long.MAX_VALUE ? "unlimited" : lockLimitBytes + " bytes")
                    + (capIpcLock ? ", CAP_IPC_LOCK" : ", no CAP_IPC_LOCK") + ")");
        }
        if (!dontDump) {
            missing.add("MADV_DONTDUMP does not work: secure buffers may appear in core dumps");
        }
        if (!dontFork) {
            missing.add("MADV_DONTFORK does not work: forked children inherit secure buffers");
        }
        return String.join("; ", missing);
    }
}
