package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The POSIX (Linux, JNA) secure memory: regions locked with per-page counts, wipes no compiler removes, and
 * buffers from a locked, guarded, canaried arena kept out of core dumps and forked children (up to 64 KiB
 * in size classes, larger ones up to {@link #MAX_ALLOCATION_SIZE} each in a mapping of its own).
 *
 * <p>Decisions: enabling the same region twice counts twice (two disables needed); disabling a region never
 * enabled (or part of one) is {@link SecureResult#INVALID_PARAMETER}. After {@link #close()}, regions are
 * unlocked, every buffer is wiped and closed, {@code allocate} throws {@link IllegalStateException}, enable
 * returns {@link SecureResult#FEATURE_NOT_AVAILABLE}, and secureClear keeps working (it needs no state).
 * {@link SecureMemoryInfo#lockLimitBytes()} is {@link Long#MAX_VALUE} with CAP_IPC_LOCK (the kernel then
 * ignores RLIMIT_MEMLOCK) or an unlimited RLIMIT_MEMLOCK, else the soft limit.
 */
public final class PosixSecureMemory implements SecureMemory, AutoCloseable {
    public static final String NAME = "posix";

    /**
     * 16 MiB, the same as the no-op provider's limit, so a buffer's size is valid whichever provider is bound
     * (a broker can move any buffer between them). Sizes above the arena's classes get a mapping of their own.
     */
    public static final int MAX_ALLOCATION_SIZE = 16 * 1024 * 1024;

    private final PosixSettings settings;
    private final ProbeResult probe;
    private final PageLockTable regions;
    private final LockedArena arena;

    /** @throws IllegalStateException when the probe found that this provider cannot work here */
    public PosixSecureMemory(PosixSettings settings) {
        this(settings, PlatformProbe.get());
    }

    PosixSecureMemory(PosixSettings settings, ProbeResult probe) {
        if (!probe.usable()) {
            throw new IllegalStateException("POSIX secure memory does not work here: " + probe.refusal());
        }
        this.settings = settings;
        this.probe = probe;
        this.regions = new PageLockTable(probe.pageSize(), probe.dontDump());
        this.arena = new LockedArena(settings, probe);
    }

    /**
     * Reads the region's position and limit once each and uses only those values: a caller changing them
     * concurrently gets a result for one (position, limit) pair inside the buffer, or INVALID_PARAMETER when
     * the pair it raced into is empty, never a lock outside the buffer.
     */
    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        if (region == null || !region.isDirect()) {
            return SecureResult.INVALID_PARAMETER;
        }
        int position = region.position();
        int limit = region.limit();
        if (position >= limit) {
            return SecureResult.INVALID_PARAMETER;
        }
        return regions.enable(region, DirectAddress.of(region) + position, limit - position);
    }

    /** Reads position and limit once, as {@link #enableSecureMode} does. */
    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        if (region == null || !region.isDirect()) {
            return SecureResult.INVALID_PARAMETER;
        }
        int position = region.position();
        int limit = region.limit();
        if (position >= limit) {
            return SecureResult.INVALID_PARAMETER;
        }
        return regions.disable(DirectAddress.of(region) + position, limit - position);
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return Wipe.clear(region) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return Wipe.clear(data) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return Wipe.clear(data) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureBuffer allocate(int size) {
        if (size < 1 || size > MAX_ALLOCATION_SIZE) {
            throw new IllegalArgumentException("secure buffer size " + size + " is outside 1.."
                    + MAX_ALLOCATION_SIZE + " bytes");
        }
        return arena.allocate(size);
    }

    @Override
    public int maxAllocationSize() {
        return MAX_ALLOCATION_SIZE;
    }

    /**
     * A capability is claimed only while it holds for every mapped chunk: one unlocked chunk drops
     * {@code MLOCK}, one chunk MADV_DONTDUMP / MADV_DONTFORK failed on drops {@code NO_CORE_DUMP} /
     * {@code NO_FORK_INHERIT}, each with its reason.
     */
    @Override
    public SecureMemoryInfo info() {
        Set<SecureCapability> capabilities = EnumSet.noneOf(SecureCapability.class);
        capabilities.addAll(capabilities());
        List<String> reasons = new ArrayList<>();
        String shortfall = protectionShortfall();
        if (!shortfall.isEmpty()) {
            reasons.add(shortfall);
        }
        NativeFailure lockFailure = arena.lastLockFailure();
        int unlocked = arena.unlockedChunks();
        if (unlocked > 0) {
            capabilities.remove(SecureCapability.MLOCK);
            reasons.add(unlocked + " arena chunk(s) unlocked: "
                    + (lockFailure == null ? "mlock failed" : lockFailure.getMessage()) + " (" + arena.limitText() + ")");
        }
        int dumpable = arena.dumpableChunks();
        if (dumpable > 0) {
            capabilities.remove(SecureCapability.NO_CORE_DUMP);
            reasons.add(dumpable + " arena chunk(s) could not be marked MADV_DONTDUMP: they would appear in a core dump");
        }
        int forkable = arena.forkableChunks();
        if (forkable > 0) {
            capabilities.remove(SecureCapability.NO_FORK_INHERIT);
            reasons.add(forkable + " arena chunk(s) could not be marked MADV_DONTFORK: a forked child inherits them");
        }
        if (arena.isClosed()) {
            reasons.add("the provider was closed");
        }
        return new SecureMemoryInfo(NAME, !reasons.isEmpty(), String.join("; ", reasons), capabilities,
                regions.lockedBytes() + arena.lockedBytes(), probe.lockLimitBytes(), arena.idleLockedBytes());
    }

    /** Wipes and closes every live buffer, unmaps the arena and unlocks every enabled region. Idempotent. */
    @Override
    public void close() {
        arena.shutdown();
        regions.closeAll();
    }

    /** Gives the spare empty chunk of each size class back to the kernel (the arena also does it itself when a lock fails). */
    public void trim() {
        arena.trim();
    }

    /**
     * @return what the probe found, without MEMFD_SECRET once a chunk fell back from memfd_secret memory to
     *         anonymous memory: a capability is claimed only while every buffer has it
     */
    public Set<SecureCapability> capabilities() {
        Set<SecureCapability> capabilities = probe.capabilities(settings);
        if (arena.secretMemory.happened()) {
            capabilities.remove(SecureCapability.MEMFD_SECRET);
        }
        return capabilities;
    }

    /**
     * @return why a protection the probe or the settings call for is missing (the probe's findings, memfd_secret
     *         configured but unavailable, or fallen back), or {@code ""}; lock failures of the arena at run time
     *         are reported by {@link #info()} only
     */
    public String protectionShortfall() {
        List<String> reasons = new ArrayList<>();
        String probed = probe.degradationReason();
        if (!probed.isEmpty()) {
            reasons.add(probed);
        }
        if (settings.memfdSecret() && !probe.memfdSecret()) {
            reasons.add("memfd_secret is configured but did not work at the start-time probe: chunks are anonymous "
                    + "memory");
        }
        String fallback = arena.secretMemory.reason();
        if (!fallback.isEmpty()) {
            reasons.add(fallback);
        }
        return String.join("; ", reasons);
    }

    /**
     * Runs {@code listener} when {@link #capabilities()}, {@link #protectionShortfall()} or the capabilities of
     * {@link #info()} change while the provider runs: the first memfd_secret fallback, and the first chunk that
     * could not be locked, kept out of core dumps or out of forked children (and the last such chunk going).
     * It runs on the allocating or closing thread and must not block.
     */
    public void onProtectionChange(Runnable listener) {
        arena.onCapabilityChange(listener);
        arena.secretMemory.onFirstFallback(listener);
    }

    /** @return the settings this instance runs with */
    public PosixSettings settings() {
        return settings;
    }

    /** @return what the probe found */
    public ProbeResult probe() {
        return probe;
    }

    /** @return chunks mapped now (each is three mappings: guard, data, guard) */
    public int chunkCount() {
        return arena.chunkCount();
    }

    /** @return the most locked bytes the arena's spares may hold ({@link Long#MAX_VALUE}: not budgeted) */
    long idleLockedBudget() {
        return arena.idleBudget();
    }

    /** @return the region table (tests) */
    PageLockTable regionTable() {
        return regions;
    }

    /** @return how many mlock calls enableSecureMode has made (tests) */
    long regionLockCalls() {
        return regions.lockCalls();
    }
}
