package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.LogCapture;

/** The fallback record: logged once with the errno, the listener told once, the reason kept. */
class SecretMemoryFallbackTest {

    @Test
    void theFirstFallbackIsLoggedOnceWithItsErrnoAndTellsTheListenerOnce() {
        SecretMemoryFallback fallback = new SecretMemoryFallback();
        AtomicInteger told = new AtomicInteger();
        fallback.onFirstFallback(told::incrementAndGet);
        assertThat(fallback.happened()).isFalse();
        assertThat(fallback.reason()).isEmpty();
        try (LogCapture log = LogCapture.of("org.lle.memory.secure.posix")) {
            fallback.fellBack(new NativeFailure("memfd_secret(2)", 24));
            fallback.fellBack(new NativeFailure("mmap of 4096 bytes of memfd_secret memory", 11));
            assertThat(log.fromThisThread()).hasSize(1).first()
                    .satisfies(r -> {
                        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                        assertThat(r.getMessage()).contains("memfd_secret(2) failed").contains("(24)");
                    });
        }
        assertThat(told).hasValue(1);
        assertThat(fallback.count()).isEqualTo(2);
        assertThat(fallback.reason()).contains("(24)").contains("no longer claimed");
    }

    @Test
    void aListenerSetAfterTheFallbackIsToldAtOnce() {
        SecretMemoryFallback fallback = new SecretMemoryFallback();
        fallback.fellBack(new NativeFailure("memfd_secret(2)", 38));
        AtomicInteger told = new AtomicInteger();
        fallback.onFirstFallback(told::incrementAndGet);
        assertThat(told).hasValue(1);
    }
}
