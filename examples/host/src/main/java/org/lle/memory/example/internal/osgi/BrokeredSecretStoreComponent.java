package org.lle.memory.example.internal.osgi;

import org.lle.memory.example.SecretStore;
import org.lle.memory.example.internal.SecretBuffers;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Hot-swap safe: the broker keeps every buffer valid while providers come and go, so this component never
 * needs to react to a swap. It only loses its secrets when the last provider goes away (the broker wipes
 * and closes them; {@link #matches} then throws {@link IllegalStateException}).
 */
@Component(service = SecretStore.class, property = SecretStore.VARIANT + "=brokered")
public final class BrokeredSecretStoreComponent implements SecretStore {
    private final SecretBuffers secrets;

    @Activate
    public BrokeredSecretStoreComponent(@Reference SecureMemoryBroker broker) {
        this.secrets = new SecretBuffers(broker);
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
