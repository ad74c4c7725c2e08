package org.lle.memory.monitoring.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A {@link org.lle.memory.pool.MemoryState} change of a pool system. Off unless a recording enables it (as every
 * lle-memory event), so a JVM without such a recording pays one {@code isEnabled()} check per change.
 */
@Name(MemoryStateChangeEvent.NAME)
@Label("Memory State Change")
@Category({"LLE Memory", "Pools"})
@Description("A memory pool system moved from one state to another")
@Enabled(false)
@StackTrace(true)
public final class MemoryStateChangeEvent extends jdk.jfr.Event {
    public static final String NAME = "org.lle.memory.MemoryStateChange";

    @Label("From")
    String from;

    @Label("To")
    String to;
}
