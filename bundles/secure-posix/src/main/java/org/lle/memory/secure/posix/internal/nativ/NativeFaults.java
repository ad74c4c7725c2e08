package org.lle.memory.secure.posix.internal.nativ;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fault-injection seam of the native layer: every libc call of the provider goes through {@link LibC},
 * and each of its methods asks this class first. Disarmed (the normal state) that costs one volatile read;
 * nothing is counted and nothing can fail here.
 *
 * <p>How a test arms it:
 * <pre>{@code
 * NativeFaults.failNth(NativeCall.MLOCK, 2, Errno.ENOMEM); // the 2nd mlock from now fails with ENOMEM
 * NativeFaults.failFrom(NativeCall.MMAP, 1, Errno.ENOMEM); // every mmap from now on fails, until disarm()
 * NativeFaults.count();                                    // count only, nothing fails
 * ... run the workload ...
 * long mlocks = NativeFaults.calls(NativeCall.MLOCK);       // calls made while armed
 * NativeFaults.disarm();                                    // always, in a finally block
 * }</pre>
 * Arming resets the counters. An injected failure does not reach libc: the method returns -1
 * ({@code MAP_FAILED} for mmap) and sets errno, so {@link LibC#errno()} reports the injected value exactly as
 * it would a real one. Counters and rules are process-wide (all threads); tests that arm it must not run in
 * parallel with other provider tests of the same JVM.
 */
public final class NativeFaults {
    private static final NativeCall[] CALLS = NativeCall.values();

    /** The one field read on every native call. */
    private static volatile boolean armed;
    private static volatile Rule rule;
    private static final AtomicLongArray COUNTS = new AtomicLongArray(CALLS.length);
    private static final AtomicLongArray INJECTED = new AtomicLongArray(CALLS.length);

    /** Which calls fail: numbers {@code first..last} (1-based, counted from arming) of {@code call}. */
    private record Rule(NativeCall call, long first, long last, int errno) {
    }

    private NativeFaults() {
    }

    /** Counts calls; none fails. */
    public static synchronized void count() {
        arm(null);
    }

    /** The {@code nth} call of {@code call} (1 = the next one) fails with {@code errno}; later ones succeed. */
    public static synchronized void failNth(NativeCall call, long nth, int errno) {
        arm(new Rule(call, nth, nth, errno));
    }

    /** Every call of {@code call} from the {@code nth} on fails with {@code errno}, until {@link #disarm()}. */
    public static synchronized void failFrom(NativeCall call, long nth, int errno) {
        arm(new Rule(call, nth, Long.MAX_VALUE, errno));
    }

    /** Back to the normal state: nothing counted, nothing fails. The counters keep their last values. */
    public static synchronized void disarm() {
        armed = false;
        rule = null;
    }

    /** @return calls of {@code call} since the seam was last armed */
    public static long calls(NativeCall call) {
        return COUNTS.get(call.ordinal());
    }

    /** @return calls since arming, all functions together */
    public static long totalCalls() {
        long sum = 0;
        for (int i = 0; i < CALLS.length; i++) {
            sum += COUNTS.get(i);
        }
        return sum;
    }

    /** @return failures injected into {@code call} since arming */
    public static long injected(NativeCall call) {
        return INJECTED.get(call.ordinal());
    }

    private static void arm(Rule newRule) {
        for (int i = 0; i < CALLS.length; i++) {
            COUNTS.set(i, 0);
            INJECTED.set(i, 0);
        }
        rule = newRule;
        armed = true;
    }

    static boolean armed() {
        return armed;
    }

    /**
     * Called by {@link LibC} only when {@link #armed()}: counts the call and decides its fate.
     *
     * @return the errno to fail with, or 0 to make the real call
     */
    static int enter(NativeCall call) {
        long n = COUNTS.incrementAndGet(call.ordinal());
        Rule r = rule;
        if (r != null && r.call == call && n >= r.first && n <= r.last) {
            INJECTED.incrementAndGet(call.ordinal());
            return r.errno;
        }
        return 0;
    }
}
