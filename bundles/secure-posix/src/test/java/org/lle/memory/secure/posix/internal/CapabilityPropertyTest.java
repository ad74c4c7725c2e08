package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;
import org.lle.memory.secure.posix.internal.osgi.PosixProbeComponentAccess;

/**
 * The {@code lle.secure.capabilities} service property claims what {@code info()} claims: a capability only
 * while every live chunk has it. The provider tells its registration when the first chunk without one appears
 * and when the last one goes, so a host filtering on {@code MLOCK} never binds a provider holding unlocked
 * secrets.
 */
class CapabilityPropertyTest {

    @AfterEach
    void disarm() {
        NativeFaults.disarm();
    }

    @Test
    void theCapabilityPropertyDropsMlockWhileAnUnlockedChunkLivesAndTheRegistrationIsTold() {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            AtomicInteger told = new AtomicInteger();
            memory.onProtectionChange(told::incrementAndGet);
            assertThat(capabilities(memory)).as("control: locking works").contains("MLOCK");

            NativeFaults.failFrom(NativeCall.MLOCK, 1, Errno.ENOMEM);
            SecureBuffer unlocked = memory.allocate(1024 * 1024);
            NativeFaults.disarm();
            assertThat(unlocked.isLocked()).isFalse();
            assertThat(capabilities(memory)).doesNotContain("MLOCK");
            assertThat(told.get()).as("told when MLOCK was lost").isEqualTo(1);

            unlocked.close();
            assertThat(capabilities(memory)).as("no unlocked chunk is left").contains("MLOCK");
            assertThat(told.get()).as("told when MLOCK came back").isEqualTo(2);
        }
    }

    private static List<String> capabilities(PosixSecureMemory memory) {
        return List.of((String[]) PosixProbeComponentAccess.serviceProperties(memory)
                .get(SecureMemoryProperties.CAPABILITIES));
    }
}
