package org.lle.memory.secure;

/** A secure-memory operation that could not give the protection asked for. */
public class SecureMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failure as a result code; see {@link #result()}. */
    private final SecureResult result;

    /**
     * Creates the exception for a failure without an underlying exception.
     *
     * @param result the failure code that says which protection could not be given (not {@link SecureResult#SUCCESS})
     * @param message what was asked for and why it failed, with the limit or system error where known
     */
    public SecureMemoryException(SecureResult result, String message) {
        super(message);
        this.result = result;
    }

    /**
     * Creates the exception for a failure caused by another exception.
     *
     * @param result the failure code that says which protection could not be given (not {@link SecureResult#SUCCESS})
     * @param message what was asked for and why it failed, with the limit or system error where known
     * @param cause the exception behind the failure, for the log
     */
    public SecureMemoryException(SecureResult result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /**
     * The failure as a result code, so a host can react to it without parsing the message: for example
     * {@link SecureResult#OUT_OF_MEMORY} when the lock limit is reached.
     *
     * @return the result code behind the failure
     */
    public SecureResult result() {
        return result;
    }
}
