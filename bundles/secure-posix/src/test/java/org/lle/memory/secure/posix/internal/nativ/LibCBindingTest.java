package org.lle.memory.secure.posix.internal.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Releasing the JNA binding (bundle stop) refuses later libc calls with a clear exception instead of calling
 * into freed JNA stubs, and binding again (bundle restart) makes them work again.
 */
class LibCBindingTest {

    @AfterEach
    void bindAgain() {
        LibC.bind();
    }

    @Test
    void aCallAfterUnbindIsRefusedAndWorksAgainAfterBind() {
        long pageSize = LibC.sysconf(LibC.SC_PAGESIZE);
        assertThat(pageSize).as("control: bound").isPositive();

        LibC.unbind();
        assertThatThrownBy(() -> LibC.sysconf(LibC.SC_PAGESIZE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libc binding was released");

        LibC.bind();
        assertThat(LibC.sysconf(LibC.SC_PAGESIZE)).isEqualTo(pageSize);
    }
}
