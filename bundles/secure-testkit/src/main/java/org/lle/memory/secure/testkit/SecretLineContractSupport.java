package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;

/**
 * The hooks of the secret-line contract and the helpers its tests share. Implementations extend
 * {@link SecretLineContract}.
 */
public abstract class SecretLineContractSupport {

    /** One character of each UTF-8 length: 1, 2, 3 and 4 bytes. */
    protected static final String MIXED = "a\u00e9\u20ac\uD83D\uDE00";

    private final List<SecretLine> opened = new ArrayList<>();

    /** The factory under test; {@link #factory()} is asked once per test. */
    protected SecretLineFactory factory;

    /** @return the factory under test, over the provider under test */
    protected abstract SecretLineFactory factory();

    /** @return whether the provider's buffers are locked, so {@link SecretLine#isLocked()} must say so */
    protected abstract boolean expectLocked();

    @BeforeEach
    final void bindFactory() {
        factory = factory();
    }

    @AfterEach
    final void closeOpenedLines() {
        opened.forEach(SecretLine::close);
        opened.clear();
    }

    /** @return a new line closed after the test even when an assertion fails */
    protected final SecretLine line() {
        return track(factory.create());
    }

    /** @return a new line of at most {@code maxLength} code points, closed after the test */
    protected final SecretLine line(int maxLength) {
        return track(factory.create(maxLength));
    }

    private SecretLine track(SecretLine line) {
        opened.add(line);
        return line;
    }

    /** @return a line holding {@code text}, typed code point by code point, cursor at the end */
    protected final SecretLine lineOf(String text) {
        SecretLine line = line();
        text.codePoints().forEach(line::insert);
        return line;
    }

    /** @return the line's bytes, read through its scoped byte view */
    protected static byte[] bytesOf(SecretLine line) {
        return line.withBytes(byte[]::clone);
    }

    /**
     * Checks the line byte for byte against the model: its UTF-8 (through the scoped view and the constant-time
     * comparison), its length in code points and bytes, and the cursor.
     */
    protected static void assertLine(SecretLine line, String expected, int expectedCursor) {
        byte[] utf8 = expected.getBytes(StandardCharsets.UTF_8);
        assertThat(bytesOf(line)).as("UTF-8 of the line").containsExactly(utf8);
        assertThat(line.contentEquals(utf8)).as("contentEquals(byte[])").isTrue();
        assertThat(line.contentEquals(expected.toCharArray())).as("contentEquals(char[])").isTrue();
        assertThat(line.length()).as("length").isEqualTo(expected.codePointCount(0, expected.length()));
        assertThat(line.byteLength()).as("byteLength").isEqualTo(utf8.length);
        assertThat(line.cursor()).as("cursor").isEqualTo(expectedCursor);
    }

    /** @return {@code text}'s UTF-8 */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
