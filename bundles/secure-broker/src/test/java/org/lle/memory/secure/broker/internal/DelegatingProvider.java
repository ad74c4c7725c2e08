package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/** A test provider that passes every call to a real one; subclasses change what they need. */
abstract class DelegatingProvider implements SecureMemory {
    final SecureMemory memory;

    DelegatingProvider(SecureMemory memory) {
        this.memory = memory;
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
