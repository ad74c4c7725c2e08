package org.lle.memory.secure.line.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.SecretLines;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/** The plain-classpath entry: {@link SecretLines} finds this bundle through {@code META-INF/services}. */
class SecretLinesClassPathTest {

    @Test
    void theFactoryUsesTheBestProviderOnTheClassPath() {
        SecretLineFactory factory = SecretLines.factory();
        assertThat(factory).isInstanceOf(SecureMemorySecretLineFactory.class);
        assertThat(factory.memory().info().provider()).isEqualTo(SecureMemories.detect().info().provider())
                .isEqualTo("posix");
        assertThat(factory.defaultMaxLength()).isEqualTo(SecretLineFactory.DEFAULT_MAX_LENGTH);
        try (SecretLine line = factory.create()) {
            "p\u00e4ss".codePoints().forEach(line::insert);
            assertThat(line.contentEquals("p\u00e4ss".toCharArray())).isTrue();
            assertThat(line.isLocked()).isTrue();
        }
    }

    @Test
    void aGivenMemoryAndMaximumAreUsed() {
        NoopSecureMemory noop = new NoopSecureMemory();
        SecretLineFactory factory = SecretLines.factory(noop, 8);
        assertThat(factory.memory()).isSameAs(noop);
        try (SecretLine line = factory.create()) {
            assertThat(line.maxLength()).isEqualTo(8);
        }
    }

    @Test
    void aBadDefaultMaximumOrNoMemoryIsRefused() {
        NoopSecureMemory noop = new NoopSecureMemory();
        assertThatThrownBy(() -> SecretLines.factory(noop, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default maximum length 0");
        assertThatThrownBy(() -> SecretLines.factory(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("memory");
    }
}
