package org.lle.memory.example.internal;

import org.lle.memory.example.SecretStore;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Refuses to run degraded: the target filter only matches a provider with real protections, so on a machine
 * where only the no-op provider registers this component stays unsatisfied and its service is absent.
 * The reference is static: when that provider goes, the component is deactivated and wipes its secrets.
 */
@Component(service = SecretStore.class, property = SecretStore.VARIANT + "=strict")
public class StrictSecretStore extends SecretBuffers {

    @Reference(target = "(" + SecureMemoryProperties.DEGRADED + "=false)", policyOption = ReferencePolicyOption.GREEDY)
    private SecureMemory memory;

    @Override
    protected SecureMemory memory() {
        return memory;
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }
}
