package org.lle.memory.pool;

/** How one pool is chosen among the pools of a type that can hold a request. */
public enum PoolSelection {
    /** Rotate over the pools that fit. */
    ROUND_ROBIN,
    /** The fitting pool with the lowest share of its capacity in use. */
    LEAST_USED,
    /** The fitting pool with the smallest block size (least waste). */
    BEST_FIT,
    /** The first fitting pool in configuration order that has room. */
    FIRST_FIT
}
