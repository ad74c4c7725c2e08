package org.lle.memory.example.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;

/**
 * The example store wipes the caller's secret even when its memory refuses to wipe: a broker whose last
 * provider went away answers FEATURE_NOT_AVAILABLE from secureClear and wipes nothing.
 */
class SecretBuffersWipeTest {

    /** Like a broker with no provider: region calls refuse, nothing else is expected to be called. */
    private static final SecureMemory REFUSING = (SecureMemory) Proxy.newProxyInstance(
            SecretBuffersWipeTest.class.getClassLoader(), new Class<?>[] {SecureMemory.class}, (proxy, method, args) -> {
                if (method.getName().equals("secureClear")) {
                    return SecureResult.FEATURE_NOT_AVAILABLE;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final SecretBuffers store = new SecretBuffers(REFUSING);

    @Test
    void theCandidateIsWipedWhenTheMemoryRefusesToWipe() {
        assertEquals(SecureResult.FEATURE_NOT_AVAILABLE, REFUSING.secureClear(new byte[] {1}),
                "control: this memory really refuses");
        char[] candidate = "pa55".toCharArray();
        assertFalse(store.matches("absent", candidate));
        assertArrayEquals(new char[4], candidate);
    }

    @Test
    void aSecretThatCannotBeStoredIsStillWiped() {
        char[] secret = "pa55".toCharArray();
        try {
            store.put("x", secret);
        } catch (UnsupportedOperationException expected) {
            // allocate is not offered by this memory
        }
        assertArrayEquals(new char[4], secret);
    }
}
