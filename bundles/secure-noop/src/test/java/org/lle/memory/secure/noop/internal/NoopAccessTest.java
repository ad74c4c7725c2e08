package org.lle.memory.secure.noop.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;

/** A close that gives up waiting for an access open on another thread: wiped now, and again when it closes. */
class NoopAccessTest {
    private static final long DEFAULT_WAIT = NoopSecureBuffer.accessWaitNanos;

    @AfterEach
    void restoreWait() {
        NoopSecureBuffer.accessWaitNanos = DEFAULT_WAIT;
    }

    @Test
    void aCloseThatGivesUpWaitingWipesAndTheAccessCloseWipesAgain() throws Exception {
        NoopSecureBuffer.accessWaitNanos = TimeUnit.MILLISECONDS.toNanos(100);
        NoopSecureBuffer buffer = (NoopSecureBuffer) new NoopSecureMemory().allocate(24);
        ByteBuffer memory = buffer.memoryForTest();
        SecureBuffer.Access access = buffer.access();
        access.fill(0, 24, (byte) 0x5A);
        String owner = Thread.currentThread().getName();
        CompletableFuture.runAsync(() -> assertThatThrownBy(buffer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stayed open").hasMessageContaining(owner)).get(20, TimeUnit.SECONDS);
        assertThat(buffer.isClosed()).isTrue();
        assertThat(content(memory)).as("wiped by the close that gave up").containsOnly(0);
        assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class);
        access.fill(0, 24, (byte) 0x22); // its own memory, no one else's
        access.close();
        assertThat(content(memory)).as("wiped again when the access closed").containsOnly(0);
    }

    private static byte[] content(ByteBuffer memory) {
        byte[] bytes = new byte[memory.capacity()];
        memory.get(0, bytes);
        return bytes;
    }
}
