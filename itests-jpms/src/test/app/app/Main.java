package app;

import java.nio.charset.StandardCharsets;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/**
 * Gets pools and a secure buffer through the plain entry points (ServiceLoader through the module layer),
 * writes and reads back, closes, and prints what it got as key=value lines for the test to check.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("api.module=" + MemoryPools.class.getModule().getName());
        try (MemoryPoolSystem pools = MemoryPools.create(PoolConfig.defaults())) {
            System.out.println("pool.module=" + pools.getClass().getModule().getName());
            try (PoolBlock block = pools.allocate(PoolType.BUFFER, 64)) {
                block.put(63, (byte) 42);
                System.out.println("pool.read=" + block.get(63));
            }
            System.out.println("pool.liveBlocks=" + pools.totalStats().liveBlocks());
        }

        SecureMemory secure = SecureMemories.detect();
        System.out.println("secure.provider=" + secure.info().provider());
        System.out.println("secure.module=" + secure.getClass().getModule().getName());
        byte[] secret = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);
        SecureBuffer buffer = secure.allocate(secret.length);
        try (buffer) {
            buffer.write(0, secret, 0, secret.length);
            byte[] back = new byte[secret.length];
            buffer.read(0, back, 0, back.length);
            System.out.println("secure.locked=" + buffer.isLocked());
            System.out.println("secure.read=" + new String(back, StandardCharsets.US_ASCII));
        }
        System.out.println("secure.closed=" + buffer.isClosed());
    }
}
