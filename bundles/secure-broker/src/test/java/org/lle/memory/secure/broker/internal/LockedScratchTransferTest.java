package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lle.memory.secure.broker.internal.HotSwapBrokerTest.pattern;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;

/** The scratch page of a migration is locked for the batch through the first provider that can lock it. */
class LockedScratchTransferTest {

    @Test
    void theScratchPageIsLockedThroughThePosixProviderForTheBatchAndUnlockedAfter() throws Exception {
        try (PosixSecureMemory posix = new PosixSecureMemory(PosixSettings.defaults())) {
            NoopSecureMemory noop = new NoopSecureMemory();
            long before = posix.info().lockedBytes();
            SecureBuffer from = noop.allocate(10_000);
            from.write(0, pattern(10_000, 4), 0, 10_000);
            SecureBuffer to = noop.allocate(10_000);
            LockedScratchTransfer transfers = new LockedScratchTransfer();

            try (Transfer transfer = transfers.open(List.of(noop, posix))) { // noop cannot lock: posix does
                assertThat(posix.info().lockedBytes()).as("the page is locked during the batch")
                        .isEqualTo(before + LockedScratchTransfer.CHUNK);
                transfer.copy(from, to);
            }

            assertThat(to.contentEquals(pattern(10_000, 4))).isTrue();
            assertThat(posix.info().lockedBytes()).as("and unlocked after it").isEqualTo(before);
            try (Transfer transfer = transfers.open(List.of(noop))) {
                assertThat(posix.info().lockedBytes()).as("control: not locked through posix").isEqualTo(before);
            }
            from.close();
            to.close();
        }
    }
}
