package org.lle.memory.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessChecksTest {
    private final byte[] array = new byte[8];

    @Test
    void aTransferInsideBothRangesPasses() {
        assertThatCode(() -> AccessChecks.checkTransfer(0, 16, 16, new byte[16], 0, "dst")).doesNotThrowAnyException();
        assertThatCode(() -> AccessChecks.checkTransfer(16, 0, 16, array, 8, "dst")).doesNotThrowAnyException();
    }

    @Test
    void aNullArrayIsNamed() {
        assertThatThrownBy(() -> AccessChecks.checkTransfer(0, 1, 16, null, 0, "src"))
                .isInstanceOf(NullPointerException.class).hasMessage("src");
    }

    @Test
    void theMemoryRangeIsCheckedBeforeTheArrayWithTheJdksMessage() {
        // both ranges are wrong: the memory's is reported
        assertThatThrownBy(() -> AccessChecks.checkTransfer(10, 9, 16, array, 5, "dst"))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("Range [10, 10 + 9) out of bounds for length 16");
        assertThatThrownBy(() -> AccessChecks.checkTransfer(0, 4, 16, array, 5, "dst"))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("Range [5, 5 + 4) out of bounds for length 8");
    }

    @Test
    void overflowingAndNegativeRangesAreRefused() {
        assertThatThrownBy(() -> AccessChecks.checkTransfer(Integer.MAX_VALUE, 2, 16, array, 0, "dst"))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AccessChecks.checkTransfer(0, 2, 16, array, Integer.MAX_VALUE, "dst"))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AccessChecks.checkTransfer(0, -1, 16, array, 0, "dst"))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theSecureAccessErrorsNameTheSizeAndBothThreads() {
        assertThat(AccessChecks.closedSecureAccess(32))
                .hasMessage("this access to a secure buffer of 32 bytes is closed");
        Thread owner = new Thread(() -> { }, "owner-thread");
        assertThat(AccessChecks.foreignSecureAccess(owner)).hasMessage("this access to a secure buffer belongs to "
                + "thread owner-thread; it cannot be used from thread " + Thread.currentThread().getName());
    }
}
