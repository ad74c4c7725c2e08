package org.lle.memory.secure.line;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SecretPrompt} asks.
 *
 * @param prompt the text written before the input, may be empty
 * @param mask the code point echoed once per typed character, or {@link #NO_ECHO} to echo nothing
 * @param timeout how long to wait for Enter; {@link Duration#ZERO} waits for ever
 */
public record PromptOptions(String prompt, int mask, Duration timeout) {

    /** The {@link #mask()} that echoes nothing. */
    public static final int NO_ECHO = 0;

    /** The {@link #mask()} of {@link #defaults()}. */
    public static final int DEFAULT_MASK = '*';

    /**
     * @throws NullPointerException for a {@code null} prompt or timeout
     * @throws IllegalArgumentException for a mask that is not {@link #NO_ECHO} or a printable code point (a control
     *         character or a surrogate), or a negative timeout, naming the value
     */
    public PromptOptions {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(timeout, "timeout");
        if (mask != NO_ECHO && (!Character.isValidCodePoint(mask) || Character.isISOControl(mask)
                || Character.getType(mask) == Character.SURROGATE)) {
            throw new IllegalArgumentException("mask U+" + Integer.toHexString(mask).toUpperCase()
                    + " is not a printable code point; use PromptOptions.NO_ECHO for no echo");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is negative; use Duration.ZERO for none");
        }
    }

    /** @return an empty prompt, {@link #DEFAULT_MASK} echo, no timeout */
    public static PromptOptions defaults() {
        return new PromptOptions("", DEFAULT_MASK, Duration.ZERO);
    }

    /** @return these options with another prompt text */
    public PromptOptions withPrompt(String newPrompt) {
        return new PromptOptions(newPrompt, mask, timeout);
    }

    /** @return these options with another mask, or {@link #NO_ECHO} */
    public PromptOptions withMask(int newMask) {
        return new PromptOptions(prompt, newMask, timeout);
    }

    /** @return these options with another timeout, {@link Duration#ZERO} for none */
    public PromptOptions withTimeout(Duration newTimeout) {
        return new PromptOptions(prompt, mask, newTimeout);
    }
}
