package org.lle.memory.example;

/**
 * Named secrets (passwords, tokens) held in secure buffers, never as Strings. Registered twice by the
 * example host: {@code (lle.example.store=brokered)} keeps its buffers through provider swaps,
 * {@code (lle.example.store=strict)} only runs on a provider that is not degraded.
 */
public interface SecretStore {

    /** Service property naming the variant. */
    String VARIANT = "lle.example.store";

    /** Copies {@code secret} into secure memory under {@code name} and wipes the array. */
    void put(String name, char[] secret);

    /** @return whether the secret stored under {@code name} equals {@code candidate} (constant time); wipes {@code candidate} */
    boolean matches(String name, char[] candidate);

    /** Wipes and forgets the secret under {@code name}. @return whether there was one */
    boolean remove(String name);

    /** @return whether the secret under {@code name} sits in locked memory now */
    boolean isLocked(String name);

    /** @return the name of the provider behind the store now, e.g. {@code posix} */
    String provider();
}
