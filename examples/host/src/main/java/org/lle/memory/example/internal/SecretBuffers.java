package org.lle.memory.example.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.lle.memory.example.SecretStore;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * The store both variants use: secrets as UTF-8 in {@link SecureBuffer}s from one {@link SecureMemory}, with
 * every temporary copy wiped. The variants' components differ only in which service they bind and hand in.
 */
public final class SecretBuffers implements SecretStore {
    private final SecureMemory memory;
    private final Map<String, SecureBuffer> secrets = new ConcurrentHashMap<>();

    /** @param memory the secure memory every secret is allocated from */
    public SecretBuffers(SecureMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    private SecureMemory memory() {
        return memory;
    }

    @Override
    public void put(String name, char[] secret) {
        Objects.requireNonNull(name, "name");
        byte[] utf8 = encode(secret);
        try {
            SecureBuffer buffer = memory().allocate(Math.max(1, utf8.length));
            buffer.write(0, utf8, 0, utf8.length);
            SecureBuffer old = secrets.put(name, buffer);
            if (old != null) {
                old.close();
            }
        } finally {
            wipe(utf8);
        }
    }

    @Override
    public boolean matches(String name, char[] candidate) {
        byte[] utf8 = encode(candidate);
        try {
            SecureBuffer buffer = secrets.get(name);
            return buffer != null && buffer.contentEquals(utf8.length == 0 ? new byte[1] : utf8);
        } finally {
            wipe(utf8);
        }
    }

    @Override
    public boolean remove(String name) {
        SecureBuffer buffer = secrets.remove(name);
        if (buffer == null) {
            return false;
        }
        buffer.close();
        return true;
    }

    @Override
    public boolean isLocked(String name) {
        SecureBuffer buffer = secrets.get(name);
        return buffer != null && buffer.isLocked();
    }

    @Override
    public String provider() {
        return memory().info().provider();
    }

    /** Wipes and closes every secret; called when the component goes away. */
    public void closeAll() {
        secrets.values().forEach(SecureBuffer::close);
        secrets.clear();
    }

    /**
     * Wipes through the provider (a wipe no compiler removes); a plain fill when it does not wipe, e.g. a broker
     * whose last provider went away answers FEATURE_NOT_AVAILABLE and leaves the array as it was.
     */
    private void wipe(byte[] data) {
        if (!memory().secureClear(data).isSuccess()) {
            java.util.Arrays.fill(data, (byte) 0);
        }
    }

    private void wipe(char[] data) {
        if (!memory().secureClear(data).isSuccess()) {
            java.util.Arrays.fill(data, '\0');
        }
    }

    /** Encodes without ever making a String; wipes {@code chars}. */
    private byte[] encode(char[] chars) {
        Objects.requireNonNull(chars, "secret");
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        byte[] out = new byte[(int) Math.ceil(chars.length * (double) encoder.maxBytesPerChar())];
        ByteBuffer target = ByteBuffer.wrap(out);
        CoderResult result = encoder.encode(CharBuffer.wrap(chars), target, true);
        wipe(chars);
        if (result.isError()) {
            wipe(out);
            throw new IllegalArgumentException("secret is not valid UTF-16: " + result);
        }
        byte[] exact = java.util.Arrays.copyOf(out, target.position());
        wipe(out);
        return exact;
    }
}
