package org.lle.memory.secure.line;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SecretPrompt} asks. Start from {@link #defaults()} and change what differs with the
 * {@code with...} methods.
 *
 * <p>Read it through its accessors. Components are only ever added at the end, and the constructor of each
 * earlier shape stays, so code that builds options keeps compiling and linking; the {@code with...} methods carry
 * a new component over with its value. A record pattern that names every component (e.g.
 * {@code options instanceof PromptOptions(var p, var m, var t)}) would stop compiling when one is added.
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
     * Creates options and checks them.
     *
     * @param prompt the text written before the input, may be empty; not {@code null}
     * @param mask the code point echoed once per typed character, or {@link #NO_ECHO} to echo nothing
     * @param timeout how long to wait for Enter, not negative; {@link Duration#ZERO} waits for ever
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

    /**
     * The options of a plain password prompt.
     *
     * @return an empty prompt, {@link #DEFAULT_MASK} echo, no timeout
     */
    public static PromptOptions defaults() {
        return new PromptOptions("", DEFAULT_MASK, Duration.ZERO);
    }

    /**
     * Changes the prompt text.
     *
     * @param newPrompt the text written before the input, may be empty
     * @return these options with another prompt text
     * @throws NullPointerException when {@code newPrompt} is {@code null}
     */
    public PromptOptions withPrompt(String newPrompt) {
        return new PromptOptions(newPrompt, mask, timeout);
    }

    /**
     * Changes the echo.
     *
     * @param newMask the code point echoed once per typed character, or {@link #NO_ECHO} to echo nothing
     * @return these options with another mask
     * @throws IllegalArgumentException for a mask that is neither {@link #NO_ECHO} nor a printable code point,
     *         naming it
     */
    public PromptOptions withMask(int newMask) {
        return new PromptOptions(prompt, newMask, timeout);
    }

    /**
     * Changes how long the prompt waits for Enter.
     *
     * @param newTimeout the time to wait, not negative; {@link Duration#ZERO} waits for ever
     * @return these options with another timeout
     * @throws NullPointerException when {@code newTimeout} is {@code null}
     * @throws IllegalArgumentException when {@code newTimeout} is negative, naming it
     */
    public PromptOptions withTimeout(Duration newTimeout) {
        return new PromptOptions(prompt, mask, newTimeout);
    }
}
