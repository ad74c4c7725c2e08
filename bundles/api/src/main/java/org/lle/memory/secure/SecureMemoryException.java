package org.lle.memory.secure;

/** A secure-memory operation that could not give the protection asked for. */
public class SecureMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SecureResult result;

    public SecureMemoryException(SecureResult result, String message) {
        super(message);
        this.result = result;
    }

    public SecureMemoryException(SecureResult result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /** @return the result code behind the failure */
    public SecureResult result() {
        return result;
    }
}
