package org.lle.memory.example.internal.osgi;

import org.lle.memory.example.SecretStore;
import org.lle.memory.example.internal.SecretBuffers;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.osgi.service.component.annotations.Activate;
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
public final class StrictSecretStoreComponent implements SecretStore {
    private final SecretBuffers secrets;

    @Activate
    public StrictSecretStoreComponent(@Reference(target = "(" + SecureMemoryProperties.DEGRADED + "=false)",
            policyOption = ReferencePolicyOption.GREEDY) SecureMemory memory) {
        this.secrets = new SecretBuffers(memory);
    }

    @Deactivate
    void deactivate() {
        secrets.closeAll();
    }

    @Override
    public void put(String name, char[] secret) {
        secrets.put(name, secret);
    }

    @Override
    public boolean matches(String name, char[] candidate) {
        return secrets.matches(name, candidate);
    }

    @Override
    public boolean remove(String name) {
        return secrets.remove(name);
    }

    @Override
    public boolean isLocked(String name) {
        return secrets.isLocked(name);
    }

    @Override
    public String provider() {
        return secrets.provider();
    }
}
