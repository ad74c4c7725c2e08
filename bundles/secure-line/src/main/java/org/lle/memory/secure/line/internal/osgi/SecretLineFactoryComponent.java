package org.lle.memory.secure.line.internal.osgi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.internal.SecureMemorySecretLineFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link SecretLineFactory} service. Its lines live in the {@link SecureMemoryBroker} when one is registered
 * (the broker registers only as {@code SecureMemoryBroker}, never as {@code SecureMemory}), so a line survives a
 * change of the provider; otherwise in the best-ranked {@link SecureMemory}.
 *
 * <p>Both references are static and greedy: a better provider, or a broker that arrives later, re-registers the
 * factory over it. Lines made before keep the memory they were made in; a line over a provider that goes away is
 * wiped by that provider and throws {@link IllegalStateException} from then on.
 */
@Component(service = SecretLineFactory.class, configurationPid = SecretLineFactoryComponent.PID)
@Designate(ocd = SecretLineConfiguration.class)
public final class SecretLineFactoryComponent implements SecretLineFactory {
    public static final String PID = "org.lle.memory.secure.line";

    private static final Logger LOG = System.getLogger(SecretLineFactoryComponent.class.getName());

    private final SecureMemorySecretLineFactory factory;

    /** A bad maximum is refused and the default used: the factory is never missing for a typo. */
    @Activate
    public SecretLineFactoryComponent(SecretLineConfiguration config,
            @Reference(name = "memory", policyOption = ReferencePolicyOption.GREEDY) SecureMemory memory,
            @Reference(name = "broker", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) SecureMemoryBroker broker) {
        SecureMemory chosen = broker != null && config.preferBroker() ? broker : memory;
        this.factory = createOrDefault(chosen, config.defaultMaxLength());
        LOG.log(Level.DEBUG, "secret lines over {0}, default maximum {1} code points", chosen.info().provider(),
                factory.defaultMaxLength());
    }

    private static SecureMemorySecretLineFactory createOrDefault(SecureMemory memory, int defaultMaxLength) {
        try {
            return new SecureMemorySecretLineFactory(memory, defaultMaxLength);
        } catch (IllegalArgumentException bad) {
            int fallback = Math.min(DEFAULT_MAX_LENGTH, Math.max(1, memory.maxAllocationSize() / 4));
            LOG.log(Level.ERROR, "configuration " + PID + " refused: " + bad.getMessage() + "; using "
                    + fallback + " code points");
            return new SecureMemorySecretLineFactory(memory, fallback);
        }
    }

    @Override
    public SecretLine create() {
        return factory.create();
    }

    @Override
    public SecretLine create(int maxLength) {
        return factory.create(maxLength);
    }

    @Override
    public int defaultMaxLength() {
        return factory.defaultMaxLength();
    }

    @Override
    public int maxLengthLimit() {
        return factory.maxLengthLimit();
    }

    @Override
    public SecureMemory memory() {
        return factory.memory();
    }

    @Override
    public String toString() {
        return factory.toString();
    }
}
