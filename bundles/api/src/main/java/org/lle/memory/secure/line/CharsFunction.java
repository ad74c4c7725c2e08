package org.lle.memory.secure.line;

/**
 * Work done with a secret as a {@code char[]}, for APIs that need one ({@code PBEKeySpec},
 * {@code KeyStore.load}). See {@link SecretLine#withChars(CharsFunction)}.
 *
 * @param <R> the result
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface CharsFunction<R, X extends Exception> {

    /**
     * Does the work with the secret.
     *
     * @param chars the secret as UTF-16; wiped as soon as this returns or throws, so neither keep it nor return it
     * @return the result, which must not hold {@code chars}
     * @throws X when the work fails; the array is wiped all the same
     */
    R apply(char[] chars) throws X;
}
