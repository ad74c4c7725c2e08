package org.lle.memory.secure.posix.internal.osgi;

import java.nio.ByteBuffer;
import java.util.Map;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link SecureMemory} service, one instance per {@code newInstance} of the probe component, owning its
 * own {@link PosixSecureMemory}. Deactivation (dispose, bundle stop, update) closes it: every live buffer
 * is wiped and closed (later use throws {@link IllegalStateException}) and every region unlocked.
 */
@Component(factory = PosixSecureMemoryComponent.FACTORY, service = SecureMemory.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class PosixSecureMemoryComponent implements SecureMemory {
    static final String FACTORY = "org.lle.memory.secure.posix";

    private volatile PosixSecureMemory memory;

    @Activate
    void activate(Map<String, Object> properties) {
        memory = new PosixSecureMemory(PosixSettings.from(name -> {
            Object value = properties.get(name);
            return value == null ? null : String.valueOf(value);
        }));
    }

    @Deactivate
    void deactivate() {
        memory.close();
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return memory.enableSecureMode(region);
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
    public SecureResult disableSecureMode(ByteBuffer region) {
        return memory.disableSecureMode(region);
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
}
