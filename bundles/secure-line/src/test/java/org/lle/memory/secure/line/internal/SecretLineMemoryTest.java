package org.lle.memory.secure.line.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.testkit.RecordingSecureMemory;
import org.lle.memory.secure.testkit.RecordingSecureMemory.HeapBuffer;

/**
 * What the line does with its secure memory, seen from a memory that records every buffer: growth moves the text
 * and gives up (wipes, frees) the old buffer, a failed growth changes nothing, clear and close wipe.
 */
class SecretLineMemoryTest {
    private static final int EMOJI = 0x1F600;

    private final RecordingSecureMemory memory = new RecordingSecureMemory("recording");

    private SecretLine line(int maxLength) {
        return new SecureMemorySecretLineFactory(memory, 1024).create(maxLength);
    }

    private static void insert(SecretLine line, int codePoint, int times) {
        for (int i = 0; i < times; i++) {
            line.insert(codePoint);
        }
    }

    private static byte[] emojis(int count) {
        return new String(Character.toChars(EMOJI)).repeat(count).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void growthMovesTheTextIntoALargerBufferAndWipesAndFreesTheOldOne() {
        try (SecretLine line = line(100)) {
            insert(line, EMOJI, 16);
            assertThat(memory.buffers()).hasSize(1);
            HeapBuffer first = memory.buffers().get(0);
            assertThat(first.size()).isEqualTo(GapBufferSecretLine.INITIAL_CAPACITY);
            assertThat(first.isWiped()).as("control: the first buffer holds the text").isFalse();

            line.insert(EMOJI);
            assertThat(memory.buffers()).hasSize(2);
            assertThat(first.isClosed()).isTrue();
            assertThat(first.isWiped()).isTrue();
            assertThat(memory.buffers().get(1).size()).isEqualTo(2 * GapBufferSecretLine.INITIAL_CAPACITY);
            assertThat(line.contentEquals(emojis(17))).isTrue();
        }
    }

    @Test
    void aLineNeverTakesMoreThanFourBytesPerCodePointOfItsMaximum() {
        try (SecretLine line = line(20)) {
            insert(line, EMOJI, 20);
            assertThat(memory.buffers()).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(80));
            assertThat(line.contentEquals(emojis(20))).isTrue();
        }
    }

    @Test
    void aGrowthTheMemoryRefusesLeavesTheLineAsItWas() {
        try (SecretLine line = line(100)) {
            insert(line, EMOJI, 15);
            line.insert('x');
            line.moveTo(3);
            memory.failAllocations(true);
            assertThatThrownBy(() -> line.insert(EMOJI)).hasMessageContaining("refuse allocations");
            assertThatThrownBy(() -> line.insertUtf8((byte) 0xF0)).hasMessageContaining("refuse allocations");
            assertThat(line.pendingUtf8Bytes()).isZero();
            assertThat(line.cursor()).isEqualTo(3);
            assertThat(line.length()).isEqualTo(16);
            byte[] expected = (new String(emojis(15), StandardCharsets.UTF_8) + "x").getBytes(StandardCharsets.UTF_8);
            assertThat(line.contentEquals(expected)).isTrue();
            assertThat(memory.openBuffers()).isEqualTo(1);

            memory.failAllocations(false);
            line.insert(EMOJI);
            assertThat(line.length()).isEqualTo(17);
            assertThat(memory.openBuffers()).isEqualTo(1);
        }
    }

    @Test
    void clearWipesTheWholeBuffer() {
        try (SecretLine line = line(100)) {
            insert(line, 0x20AC, 10);
            line.moveTo(4);
            HeapBuffer buffer = memory.buffers().get(0);
            assertThat(buffer.isWiped()).as("control").isFalse();
            line.clear();
            assertThat(buffer.isWiped()).isTrue();
            assertThat(buffer.isClosed()).isFalse();
        }
    }

    @Test
    void closeWipesAndFreesEveryBufferTheLineHeld() {
        SecretLine line = line(100);
        insert(line, EMOJI, 40);
        assertThat(memory.closedButNotWiped()).isEmpty();
        assertThat(memory.buffers().stream().filter(b -> !b.isClosed()).findFirst().orElseThrow().isWiped())
                .as("control: the open buffer holds the text").isFalse();
        line.close();
        assertThat(memory.openBuffers()).isZero();
        assertThat(memory.closedButNotWiped()).isEmpty();
        assertThatThrownBy(() -> line.insert('a')).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aCloseRacingWithGrowthNeverLeavesABufferOpen() throws Exception {
        for (int round = 0; round < 200; round++) {
            SecretLine line = line(1000);
            CountDownLatch go = new CountDownLatch(1);
            Thread editor = new Thread(() -> {
                go.countDown();
                try {
                    insert(line, EMOJI, 1000);
                } catch (IllegalStateException expected) {
                    // closed under it: the only outcome allowed
                }
            });
            editor.start();
            assertThat(go.await(20, TimeUnit.SECONDS)).isTrue();
            line.close();
            editor.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(editor.isAlive()).isFalse();
            assertThat(memory.openBuffers()).as("round %d", round).isZero();
            assertThat(memory.closedButNotWiped()).isEmpty();
        }
    }
}
