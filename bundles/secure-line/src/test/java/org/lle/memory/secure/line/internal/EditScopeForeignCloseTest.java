package org.lle.memory.secure.line.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;

/**
 * A line closed by another thread while its editor holds an edit scope: the editor's next edit is refused as
 * closed, although its view of the buffer is still open (the POSIX buffer's close waits for that view).
 */
class EditScopeForeignCloseTest {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void closeTheArena() {
        MEMORY.close();
    }

    @Test
    void aScopesThreadCannotEditALineAnotherThreadClosed() throws Exception {
        SecretLine line = new SecureMemorySecretLineFactory(MEMORY, 100).create();
        "secret".codePoints().forEach(line::insert);
        SecretLine.EditScope scope = line.openEditScope();
        CompletableFuture<Void> closer = CompletableFuture.runAsync(line::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!line.isClosed() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(line.isClosed()).isTrue();
        assertThatThrownBy(() -> line.insert('x')).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(line::deleteBefore).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        scope.close();
        closer.handle((done, failed) -> null).get(20, TimeUnit.SECONDS);
        assertThatThrownBy(line::openEditScope).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
