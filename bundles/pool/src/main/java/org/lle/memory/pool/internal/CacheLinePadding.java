package org.lle.memory.pool.internal;

/**
 * A cache line of padding, as a superclass: HotSpot lays out a superclass's fields before its subclass's, so
 * the hot fields of a subclass never share a line with whatever the GC copies in front of the object. Used by
 * the state one thread writes on every allocation: without it, two threads' state copied next to each other
 * by the GC made them invalidate each other's line (false sharing: 2 threads at 64 B took 93-99 ns per op instead of 35 in half the JMH forks).
 */
abstract class CacheLinePadding {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
