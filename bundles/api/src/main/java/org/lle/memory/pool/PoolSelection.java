package org.lle.memory.pool;

/**
 * How one pool is chosen among the pools of the size class an allocation draws from; it matters only when a
 * class has more than one pool ({@link TypeConfig#poolsPerClass()}). A block the same thread closed earlier is
 * reused from that thread's cache first ({@link PoolConfig#threadCacheSize()}); the selection applies when the
 * cache is empty. Every choice falls over to another pool of the class when its pick is full.
 */
public enum PoolSelection {
    /** Rotates over the pools whatever their fill, skipping a full one. */
    ROUND_ROBIN,
    /** The pool with the lowest share of its capacity in use: spreads blocks evenly. */
    LEAST_USED,
    /** The pool with the fewest free blocks that still has room: packs blocks into few pools, leaves others idle. */
    BEST_FIT,
    /** The first pool in configuration order that has room. */
    FIRST_FIT
}
