package org.lle.memory.secure.line;

/**
 * Work done with a secret as a {@code byte[]} of UTF-8, for APIs that need one. See
 * {@link SecretLine#withBytes(BytesFunction)}.
 *
 * @param <R> the result
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface BytesFunction<R, X extends Exception> {

    /**
     * Does the work with the secret.
     *
     * @param utf8 the secret as UTF-8; wiped as soon as this returns or throws, so neither keep it nor return it
     * @return the result, which must not hold {@code utf8}
     * @throws X when the work fails; the array is wiped all the same
     */
    R apply(byte[] utf8) throws X;
}
