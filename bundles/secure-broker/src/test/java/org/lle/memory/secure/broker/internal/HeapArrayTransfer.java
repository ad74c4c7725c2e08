package org.lle.memory.secure.broker.internal;

import java.util.Arrays;
import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * The control for {@link MigrationHeapDumpTest}: how the broker moved bytes before issue 9 item 10, through a
 * heap array of 256 bytes wiped after every chunk. Kept only here, so the main code cannot use it.
 */
final class HeapArrayTransfer implements Transfer.Factory {
    static final int CHUNK = 256;

    @Override
    public Transfer open(List<SecureMemory> lockers) {
        SecureMemory wiper = lockers.get(0);
        return new Transfer() {
            @Override
            public void copy(SecureBuffer from, SecureBuffer to) {
                byte[] scratch = new byte[Math.min(CHUNK, from.size())];
                for (int at = 0; at < from.size(); at += scratch.length) {
                    int length = Math.min(scratch.length, from.size() - at);
                    try {
                        from.read(at, scratch, 0, length);
                        to.write(at, scratch, 0, length);
                    } finally {
                        if (!wiper.secureClear(scratch).isSuccess()) {
                            Arrays.fill(scratch, (byte) 0);
                        }
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
