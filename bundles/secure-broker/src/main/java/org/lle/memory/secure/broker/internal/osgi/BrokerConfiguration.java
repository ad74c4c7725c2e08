package org.lle.memory.secure.broker.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The broker's configuration, PID {@value SecureMemoryBrokerComponent#PID}. Config Admin does not enforce the
 * options, so the component checks the value itself and refuses a bad one (logged, the previous policy kept).
 */
@ObjectClassDefinition(id = SecureMemoryBrokerComponent.PID, name = "LLE secure memory broker",
        description = "Secure buffers that survive a change of the secure-memory provider behind them.")
public @interface BrokerConfiguration {

    @AttributeDefinition(name = "Degraded memory", description = "Whether secrets may be moved into, and "
            + "allocated in, the memory of a degraded provider (the no-op provider: not locked, not kept out of "
            + "core dumps or forked children). ALLOW keeps every buffer alive while the POSIX provider restarts or "
            + "is reconfigured; every such move is logged at WARNING and counted. REFUSE never puts a secret "
            + "there: allocation fails while only degraded providers are registered, and a buffer that no "
            + "non-degraded provider can take when its provider goes away is wiped and closed.",
            options = {
                @Option(label = "Allow (continuity, every move logged)", value = "ALLOW"),
                @Option(label = "Refuse (secrets never in degraded memory)", value = "REFUSE") })
    String degradedMemory() default "ALLOW";
}
