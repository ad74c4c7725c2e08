package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.lle.memory.secure.line.PromptOutcome;

/**
 * The read-decode-apply loop shared by the terminal and the stream prompt. It waits in short slices, so a
 * timeout and a stopping service are noticed while nobody types, and decides a lone Escape (cancel) when no
 * sequence byte follows it within {@link #ESCAPE_WAIT_MILLIS}, as line editors do.
 */
final class PromptLoop {
    /** Terminals send a whole escape sequence at once; a person cannot type its second byte this fast. */
    static final int ESCAPE_WAIT_MILLIS = 250;
    private static final int SLICE_MILLIS = 200;

    private PromptLoop() {
    }

    /**
     * @param timeoutNanos how long to wait for the end, 0 for no limit
     * @param mayBlock whether the source may block without a bound when there is no timeout (a stream, which
     *        cannot be polled); a descriptor is always waited on in slices, so {@code stopped} is seen
     * @param stopped asked between slices: {@code true} ends the prompt with an {@link IOException}
     */
    static PromptOutcome run(KeySource keys, LineEditor editor, long timeoutNanos, boolean mayBlock,
            BooleanSupplier stopped) throws IOException {
        KeyDecoder decoder = new KeyDecoder();
        long start = System.nanoTime();
        long sequenceStart = 0;
        while (true) {
            if (stopped.getAsBoolean()) {
                throw new IOException("the secret prompt service stopped while reading");
            }
            long now = System.nanoTime();
            long left = timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos - (now - start);
            if (left <= 0) {
                return PromptOutcome.TIMED_OUT;
            }
            int wait;
            if (decoder.inSequence()) {
                long sequenceLeft = TimeUnit.MILLISECONDS.toNanos(ESCAPE_WAIT_MILLIS) - (now - sequenceStart);
                if (sequenceLeft <= 0) {
                    PromptOutcome outcome = editor.apply(decoder.timeOut(), 0);
                    if (outcome != null) {
                        return outcome;
                    }
                    continue;
                }
                wait = millis(Math.min(sequenceLeft, left));
            } else if (timeoutNanos == 0 && mayBlock) {
                wait = KeySource.FOREVER;
            } else {
                wait = millis(Math.min(left, TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS)));
            }
            int b = keys.next(wait);
            if (b == KeySource.NONE) {
                continue;
            }
            if (b == KeySource.END) {
                return decoder.awaitingEscape() ? PromptOutcome.CANCELLED : editor.endOfInput();
            }
            boolean wasInSequence = decoder.inSequence();
            Key key = decoder.feed(b);
            if (!wasInSequence && decoder.inSequence()) {
                sequenceStart = System.nanoTime();
            }
            PromptOutcome outcome = editor.apply(key, b);
            if (outcome != null) {
                return outcome;
            }
        }
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
    }
}
