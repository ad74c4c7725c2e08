package org.lle.memory.secure.noop.internal.osgi;

import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * The no-op provider as the {@link SecureMemory} DS service: always registered, with the lowest ranking, so
 * any real provider wins. It holds a {@link NoopSecureMemory} and forwards to it; the provider class itself
 * knows nothing of DS (the same object serves the plain-classpath path through ServiceLoader).
 */
@Component(service = SecureMemory.class)
@ServiceRanking(SecureMemoryProperties.RANKING_NOOP)
@SecureProviderProperties(provider = NoopSecureMemory.NAME, degraded = true, capabilities = "SECURE_WIPE")
public final class NoopSecureMemoryComponent implements SecureMemory {
    private final NoopSecureMemory memory;

    @Activate
    public NoopSecureMemoryComponent() {
        this.memory = new NoopSecureMemory();
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return memory.enableSecureMode(region);
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        return memory.disableSecureMode(region);
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return memory.secureClear(region);
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return memory.secureClear(data);
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return memory.secureClear(data);
    }

    @Override
    public SecureBuffer allocate(int size) {
        return memory.allocate(size);
    }

    @Override
    public int maxAllocationSize() {
        return memory.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        return memory.info();
    }

    @Override
    public String toString() {
        return memory.toString();
    }
}
