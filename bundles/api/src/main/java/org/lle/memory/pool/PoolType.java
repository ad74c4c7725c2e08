package org.lle.memory.pool;

/** What a block holds; each type has its own pools, size classes and budget. */
public enum PoolType {
    /** Line-editor text buffers. */
    BUFFER,
    /** Input and terminal events. */
    EVENT,
    /** Short strings. */
    STRING,
    /** Scratch space released within one operation. */
    TEMP,
    /** History entries. */
    HISTORY,
    /** Syntax highlighting state. */
    SYNTAX,
    /** Completion candidates. */
    COMPLETION,
    /** Anything else the host defines. */
    CUSTOM
}
