package org.lle.memory.pool.internal;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;

/**
 * Holds the {@link MemoryState}, enforces {@link MemoryState#canTransitionTo}, and tells listeners after each
 * change on the thread that made it. A listener that throws is logged and does not stop the others.
 */
public final class MemoryStateMachine {
    private static final System.Logger LOG = System.getLogger("org.lle.memory.pool");

    private final AtomicReference<MemoryState> state = new AtomicReference<>(MemoryState.INITIALIZING);
    private final CopyOnWriteArraySet<MemoryStateListener> listeners = new CopyOnWriteArraySet<>();

    public MemoryState current() {
        return state.get();
    }

    /**
     * Moves from whatever the state is now to {@code target}.
     *
     * @throws IllegalStateException when the state machine does not allow it
     */
    public void transition(MemoryState target) {
        Objects.requireNonNull(target, "target state");
        while (true) {
            MemoryState from = state.get();
            if (!from.canTransitionTo(target)) {
                throw new IllegalStateException("illegal memory state transition " + from + " -> " + target);
            }
            if (state.compareAndSet(from, target)) {
                notifyListeners(from, target);
                return;
            }
        }
    }

    /**
     * Moves {@code from -> target} only if the state is {@code from} now; for changes the system makes on its
     * own (pressure), which lose quietly to a concurrent change.
     *
     * @return whether this call made the change
     * @throws IllegalStateException when {@code from -> target} is not a legal transition at all
     */
    public boolean transitionIfIn(MemoryState from, MemoryState target) {
        if (!from.canTransitionTo(target)) {
            throw new IllegalStateException("illegal memory state transition " + from + " -> " + target);
        }
        if (state.compareAndSet(from, target)) {
            notifyListeners(from, target);
            return true;
        }
        return false;
    }

    public void addListener(MemoryStateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(MemoryStateListener listener) {
        if (listener != null) {
            listeners.remove(listener);
        }
    }

    private void notifyListeners(MemoryState from, MemoryState to) {
        for (MemoryStateListener listener : listeners) {
            try {
                listener.stateChanged(from, to);
            } catch (RuntimeException | LinkageError | AssertionError listenerFailed) {
                LOG.log(Level.WARNING, "memory state listener " + listener + " failed on " + from + " -> " + to
                        + "; the state change stands", listenerFailed);
            }
        }
    }
}
