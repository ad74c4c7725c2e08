package org.lle.memory.secure.posix.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The safety net for buffers never closed: a phantom reference to the handed-out {@link ArenaBuffer}, held
 * only by its chunk's live table. Closing the buffer drops it from the table, so it becomes garbage and is
 * never enqueued: no clear() (a native call) and no shared registration list, unlike
 * {@link java.lang.ref.Cleaner}. If the buffer becomes unreachable while still open, the reference is
 * enqueued and the arena's watcher thread wipes and releases the slot and reports the leak.
 */
final class LeakGuard extends PhantomReference<ArenaBuffer> {
    private static final long POLL_MILLIS = 500;

    final ArenaSlot slot;

    LeakGuard(ArenaBuffer buffer, ReferenceQueue<ArenaBuffer> queue, ArenaSlot slot) {
        super(buffer, queue);
        this.slot = slot;
    }

    /**
     * Starts the daemon that handles enqueued guards. It holds the arena only weakly, and stops when the
     * arena is closed or collected, so a dropped provider does not keep a thread (or a bundle's class loader).
     */
    static Thread watch(LockedArena arena, ReferenceQueue<ArenaBuffer> queue) {
        WeakReference<LockedArena> owner = new WeakReference<>(arena);
        Thread watcher = new Thread(() -> drain(owner, queue), "lle-secure-posix-leak-guard");
        watcher.setDaemon(true);
        watcher.setContextClassLoader(null);
        watcher.start();
        return watcher;
    }

    private static void drain(WeakReference<LockedArena> owner, ReferenceQueue<ArenaBuffer> queue) {
        while (isOpen(owner)) {
            try {
                Reference<? extends ArenaBuffer> leaked = queue.remove(POLL_MILLIS);
                if (leaked instanceof LeakGuard guard) {
                    guard.slot.closeLeaked();
                }
            } catch (InterruptedException e) {
                return; // the arena shut down
            } catch (RuntimeException e) {
                ArenaLog.watcherFailed(e);
            }
        }
    }

    private static boolean isOpen(WeakReference<LockedArena> owner) {
        LockedArena arena = owner.get();
        return arena != null && !arena.isClosed();
    }
}
