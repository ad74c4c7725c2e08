package org.lle.memory.secure.posix.internal;

/**
 * A cache line of padding, as a superclass: HotSpot lays out a superclass's fields before its subclass's, so
 * the state of a subclass never shares a line with whatever the GC copies in front of the object. The state
 * classes below it end with a subclass holding another line ({@code q01..q08}), for whatever lies behind.
 * Used by the arena's per-shard state, which one thread writes on every allocate and close: the GC may copy
 * two shards' state side by side, and two threads then invalidate each other's line on every operation.
 *
 * <p>{@code p00} fills the 4-byte hole after a 12-byte object header (compressed class pointers, the
 * default): since JDK 15 HotSpot puts a subclass's small fields into holes of its superclass, which would put
 * the first {@code int} of the state in front of the padding. {@code PaddingLayoutTest} checks the offsets.
 */
abstract class CacheLinePadding {
    int p00;
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
