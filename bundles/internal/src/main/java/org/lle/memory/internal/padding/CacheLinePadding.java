package org.lle.memory.internal.padding;

/**
 * A cache line of padding, as a superclass: HotSpot lays out a superclass's fields before its subclass's, so
 * the fields of a subclass never share a line with whatever the GC copies in front of the object. For state
 * that one thread writes on every allocation or close: two such objects copied side by side by the GC would
 * make their threads invalidate each other's line on every operation (false sharing). A subclass that also
 * needs a line behind its state ends with fields of its own for it.
 *
 * <p>{@code p00} fills the 4-byte hole after a 12-byte object header (compressed class pointers, the
 * default): since JDK 15 HotSpot puts a subclass's small fields into holes of its superclass, which would put
 * the first {@code int} of the state in front of the padding. {@code PaddingLayoutTest} checks the offsets
 * here and in every bundle that uses the class.
 */
@SuppressWarnings("unused")
public abstract class CacheLinePadding {
    private int p00;
    private long p01, p02, p03, p04, p05, p06, p07, p08;

    protected CacheLinePadding() {
    }
}
