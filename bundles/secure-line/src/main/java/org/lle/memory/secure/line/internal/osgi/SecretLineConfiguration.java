package org.lle.memory.secure.line.internal.osgi;

import org.lle.memory.secure.line.SecretLineFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The secret-line factory's configuration, PID {@value SecretLineFactoryComponent#PID}. Config Admin does not
 * enforce ranges, so the component checks the value itself and refuses a bad one (logged, the default used).
 */
@ObjectClassDefinition(id = SecretLineFactoryComponent.PID, name = "LLE secret lines",
        description = "Editable lines of secret text (passphrases, tokens, PINs) held in secure memory.")
public @interface SecretLineConfiguration {

    @AttributeDefinition(name = "Default maximum length", min = "1", description = "The most code points a line "
            + "made without an explicit maximum takes; an insert past it is refused. Each code point reserves up to "
            + "four bytes of secure memory, allocated as the line grows.")
    int defaultMaxLength() default SecretLineFactory.DEFAULT_MAX_LENGTH;

    @AttributeDefinition(name = "Prefer the broker", description = "Keep the lines in the secure memory broker "
            + "when one is registered, so they survive a change of the provider; otherwise, or when false, in the "
            + "best SecureMemory provider.")
    boolean preferBroker() default true;
}
