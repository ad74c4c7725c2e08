package org.lle.memory.secure.broker.internal;

import java.util.Map;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The OSGi shell around {@link HotSwapBroker}: registered as {@link SecureMemoryBroker} only (never as
 * {@link SecureMemory}, so hosts that reference {@code SecureMemory} keep getting the best raw provider and the
 * broker never binds itself). It follows the best-ranked {@code SecureMemory} (dynamic, greedy, optional): SCR
 * binds a better or replacement provider before it unbinds the old one, which is what a swap needs.
 * Immediate, not delayed: a delayed component is deactivated whenever its last user ungets it, and
 * deactivation wipes every buffer; the broker must live as long as its bundle.
 */
@Component(service = SecureMemoryBroker.class, immediate = true)
public final class SecureMemoryBrokerComponent extends HotSwapBroker {

    @Reference(name = "provider", service = SecureMemory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindProvider", updated = "updatedProvider")
    void bindProvider(SecureMemory provider, Map<String, Object> properties) {
        bind(provider);
        log("bound", properties);
    }

    void updatedProvider(SecureMemory provider, Map<String, Object> properties) {
        updated(provider);
        log("updated", properties);
    }

    void unbindProvider(SecureMemory provider, Map<String, Object> properties) {
        unbind(provider);
        log("unbound", properties);
    }

    @Deactivate
    void deactivate() {
        shutdown("secure memory broker stopped; buffer was wiped");
    }

    private static void log(String what, Map<String, Object> properties) {
        System.getLogger(SecureMemoryBrokerComponent.class.getName()).log(System.Logger.Level.DEBUG,
                "secure-memory provider {0} {1} (degraded={2}, ranking={3})",
                properties.get(SecureMemoryProperties.PROVIDER), what,
                properties.get(SecureMemoryProperties.DEGRADED), properties.get("service.ranking"));
    }
}
