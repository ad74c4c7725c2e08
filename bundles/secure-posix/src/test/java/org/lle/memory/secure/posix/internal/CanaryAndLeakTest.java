package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.LogCapture;

/** An overflow past a buffer's end is caught by its canary, loudly; a dropped buffer is wiped and reported. */
class CanaryAndLeakTest {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void close() {
        MEMORY.close();
    }

    @Test
    void oneByteWrittenPastTheEndIsDetectedOnCloseAndStillWiped() {
        try (LogCapture log = LogCapture.of("org.lle.memory.secure.posix")) {
            ArenaBuffer keeper = (ArenaBuffer) MEMORY.allocate(40);
            ArenaBuffer victim = (ArenaBuffer) MEMORY.allocate(40);
            long address = victim.slot().address();
            victim.write(0, WiperReadBackTest.pattern(40), 0, 40);
            byte canaryByte = WiperReadBackTest.nativeBytes(address + 40, 1)[0];
            victim.slot().rawPutForTest(40, (byte) ~canaryByte); // the overflow: index 40 of a 40-byte buffer

            assertThatThrownBy(victim::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("canary").hasMessageContaining("slot " + victim.slot().index)
                    .hasMessageContaining("40 bytes");
            assertThat(log.has(Level.SEVERE, "canary")).as("logged at ERROR").isTrue();
            assertThat(victim.isClosed()).isTrue();
            assertThat(WiperReadBackTest.nativeBytes(address, 48)).as("still wiped").containsOnly(0);
            assertThatCode(victim::close).as("idempotent after the error").doesNotThrowAnyException();
            keeper.close();
        }
    }

    @Test
    void controlAnUntouchedBufferClosesQuietly() {
        try (LogCapture log = LogCapture.of("org.lle.memory.secure.posix")) {
            ArenaBuffer buffer = (ArenaBuffer) MEMORY.allocate(40);
            buffer.write(0, WiperReadBackTest.pattern(40), 0, 40); // all 40 bytes, up to the canary
            assertThatCode(buffer::close).doesNotThrowAnyException();
            assertThat(log.fromThisThread()).isEmpty();
        }
    }

    @Test
    void aCorruptedSlotIsReusableAndClean() {
        ArenaBuffer first = (ArenaBuffer) MEMORY.allocate(24);
        int index = first.slot().index;
        first.slot().rawPutForTest(30, (byte) 0x55); // past the canary, into the slot's unused tail
        first.slot().rawPutForTest(24, (byte) 0x55);
        assertThatThrownBy(first::close).isInstanceOf(IllegalStateException.class);
        ArenaBuffer again = (ArenaBuffer) MEMORY.allocate(24);
        assertThat(again.slot().index).isEqualTo(index);
        assertThat(WiperReadBackTest.nativeBytes(again.slot().address(), 24)).containsOnly(0);
        assertThatCode(again::close).doesNotThrowAnyException();
    }

    @Test
    void aBufferDroppedWithoutCloseIsWipedAndReportedByTheLeakGuard() throws InterruptedException {
        try (LogCapture log = LogCapture.of("org.lle.memory.secure.posix")) {
            ArenaBuffer keeper = (ArenaBuffer) MEMORY.allocate(48);
            long address = dropASecret();
            for (int i = 0; i < 500 && !log.has(Level.WARNING, "leak"); i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(log.has(Level.WARNING, "leak")).as("leak report logged").isTrue();
            assertThat(WiperReadBackTest.nativeBytes(address, 48)).as("wiped by the leak guard").containsOnly(0);
            keeper.close();
        }
    }

    private static long dropASecret() {
        ArenaBuffer leaked = (ArenaBuffer) MEMORY.allocate(48);
        leaked.write(0, WiperReadBackTest.pattern(48), 0, 48);
        assertThat(WiperReadBackTest.nativeBytes(leaked.slot().address(), 48)).isEqualTo(WiperReadBackTest.pattern(48));
        return leaked.slot().address();
    }
}
