package org.lle.memory.pool.internal;

/**
 * A cache line of padding, as a superclass: HotSpot lays out a superclass's fields before its subclass's, so
 * the hot fields of a subclass never share a line with whatever the GC copies in front of the object. Used by
 * the state one thread writes on every allocation: without it, two threads' state copied next to each other
 * by the GC made them invalidate each other's line (false sharing; figures in docs/performance.md, design
 * measurements).
 *
 * <p>{@code p00} fills the 4-byte hole after a 12-byte object header (compressed class pointers, the
 * default). Since JDK 15 HotSpot puts a subclass's small fields into holes of its superclass, so without it
 * the first {@code int} of a subclass landed at offset 12, in front of all the padding (measured:
 * {@code ThreadCache.allocationsSeen} at offset 12). {@code PaddingLayoutTest} checks the offsets.
 */
abstract class CacheLinePadding {
    int p00;
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
