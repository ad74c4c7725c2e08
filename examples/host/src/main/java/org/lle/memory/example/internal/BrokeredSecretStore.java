package org.lle.memory.example.internal;

import org.lle.memory.example.SecretStore;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Hot-swap safe: the broker keeps every buffer valid while providers come and go, so this component never
 * needs to react to a swap. It only loses its secrets when the last provider goes away (the broker wipes
 * and closes them; {@link #matches} then throws {@link IllegalStateException}).
 */
@Component(service = SecretStore.class, property = SecretStore.VARIANT + "=brokered")
public class BrokeredSecretStore extends SecretBuffers {

    @Reference
    private SecureMemoryBroker broker;

    @Override
    protected SecureMemory memory() {
        return broker;
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }
}
