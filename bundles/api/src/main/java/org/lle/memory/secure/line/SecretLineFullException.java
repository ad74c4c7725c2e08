package org.lle.memory.secure.line;

/**
 * An insert into a {@link SecretLine} that already holds its maximum number of code points. The line is
 * unchanged; a line editor beeps and goes on.
 */
public class SecretLineFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The line's maximum length in code points, as {@link #maxLength()} returns it. */
    private final int maxLength;

    /**
     * Creates the exception with a message that names the maximum length (never the text).
     *
     * @param maxLength the line's maximum length in code points
     */
    public SecretLineFullException(int maxLength) {
        super("the secret line is full: it holds its maximum of " + maxLength + " code points");
        this.maxLength = maxLength;
    }

    /**
     * Tells the limit the insert ran into.
     *
     * @return the line's maximum length in code points
     */
    public int maxLength() {
        return maxLength;
    }
}
