package org.lle.memory.secure.line;

/**
 * An insert into a {@link SecretLine} that already holds its maximum number of code points. The line is
 * unchanged; a line editor beeps and goes on.
 */
public class SecretLineFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int maxLength;

    /** @param maxLength the line's maximum length in code points */
    public SecretLineFullException(int maxLength) {
        super("the secret line is full: it holds its maximum of " + maxLength + " code points");
        this.maxLength = maxLength;
    }

    /** @return the line's maximum length in code points */
    public int maxLength() {
        return maxLength;
    }
}
