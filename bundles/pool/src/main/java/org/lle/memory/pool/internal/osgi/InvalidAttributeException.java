package org.lle.memory.pool.internal.osgi;

/** A configuration attribute whose value is not allowed; the message names the attribute, the value and the rule. */
public final class InvalidAttributeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String attribute;

    InvalidAttributeException(String attribute, String value, String allowed, Throwable cause) {
        super("pool configuration attribute " + attribute + " = " + value + " is refused; allowed: " + allowed, cause);
        this.attribute = attribute;
    }

    /** @return the name of the attribute, as in the metatype */
    public String attribute() {
        return attribute;
    }
}
