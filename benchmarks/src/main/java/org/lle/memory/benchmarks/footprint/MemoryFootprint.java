package org.lle.memory.benchmarks.footprint;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.testsupport.KernelStatus;

/**
 * The memory goals, which JMH cannot measure: how many live locked 64-byte secrets fit under the lock
 * limit, and what one live pool block costs beyond its payload. Prints {@code key=value} lines that the
 * report tool reads. One mode per JVM, so the measurements do not disturb each other.
 *
 * <ul>
 *   <li>{@code secrets}: run it under {@code prlimit --memlock=8388608:8388608 setpriv --bounding-set
 *       -ipc_lock --inh-caps -ipc_lock} so the 8 MiB limit really applies.</li>
 *   <li>{@code pool | netty | adaptive | direct}: 100,000 live 64-byte blocks by default, each allocator with its
 *       defaults (ours: {@link PoolConfig#defaults()}, the STRING type; Netty's pooled direct allocator and its
 *       adaptive one, the 4.2 default); run it with {@code -Xms=-Xmx -XX:+AlwaysPreTouch} so the RSS delta is
 *       native memory only. An optional second argument sets the number of live blocks (the keys then carry
 *       {@code .n<count>}). Memory per live block is heap (after a full GC) plus RSS, over the blocks, and
 *       heap plus the native bytes the allocator says it reserved (steadier: no JIT or malloc noise).</li>
 * </ul>
 */
public final class MemoryFootprint {
    static final int SECRET_BYTES = 64;
    static final int MAX_SECRETS = 1_000_000;
    static final int BLOCKS = 100_000;
    static final int BLOCK_BYTES = 64;

    private MemoryFootprint() {
    }

    public static void main(String[] args) {
        String mode = args.length == 0 ? "" : args[0];
        int blocks = args.length < 2 ? BLOCKS : blockCount(args[1]);
        Map<String, Object> out = switch (mode) {
            case "secrets" -> secrets();
            case "pool" -> blocks("pool", blocks, MemoryFootprint::ourPool);
            case "netty" -> blocks("netty", blocks, MemoryFootprint::nettyPool);
            case "adaptive" -> blocks("adaptive", blocks, MemoryFootprint::nettyAdaptive);
            case "direct" -> blocks("direct", blocks,
                    () -> new Peer(ByteBuffer::allocateDirect, MemoryFootprint::directBufferBytes));
            default -> throw new IllegalArgumentException(
                    "mode must be secrets, pool, netty, adaptive or direct, got '" + mode + "'");
        };
        out.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /** Allocates 64-byte secrets until one is not locked (or allocation fails): the live locked count. */
    static Map<String, Object> secrets() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("secrets.capIpcLock", KernelStatus.hasIpcLock());
        out.put("secrets.memlockLimit", KernelStatus.memlockLimit());
        long vmLckBefore = KernelStatus.sizeInBytes("VmLck");
        SecureMemory memory = SecureMemories.detect();
        out.put("secrets.provider", memory.info().provider());
        List<SecureBuffer> live = new ArrayList<>();
        String stop = "reached " + MAX_SECRETS;
        while (live.size() < MAX_SECRETS) {
            SecureBuffer buffer;
            try {
                buffer = memory.allocate(SECRET_BYTES);
            } catch (RuntimeException e) {
                stop = e.toString();
                break;
            }
            if (!buffer.isLocked()) {
                buffer.close();
                stop = "first unlocked buffer; info " + memory.info();
                break;
            }
            buffer.put(0, (byte) 1);
            live.add(buffer);
        }
        out.put("secrets.liveLocked", live.size());
        out.put("secrets.vmLckBytes", KernelStatus.sizeInBytes("VmLck") - vmLckBefore);
        out.put("secrets.stoppedBecause", stop.replace('\n', ' '));
        live.forEach(SecureBuffer::close);
        out.put("secrets.vmLckAfterCloseBytes", KernelStatus.sizeInBytes("VmLck") - vmLckBefore);
        return out;
    }

    /** An allocator under test and the native bytes it reserved, by its own account. */
    record Peer(IntFunction<Object> allocator, LongSupplier reservedBytes) {
    }

    static Peer ourPool() {
        MemoryPoolSystem pools = MemoryPools.create(PoolConfig.defaults());
        return new Peer(size -> {
            PoolBlock block = pools.allocate(PoolType.STRING, size);
            block.put(0, (byte) 1);
            return block;
        }, () -> pools.totalStats().poolBytes());
    }

    private static Peer nettyPool() {
        PooledByteBufAllocator netty = new PooledByteBufAllocator(true);
        return new Peer(size -> {
            ByteBuf buf = netty.directBuffer(size);
            buf.setByte(0, 1);
            return buf;
        }, () -> netty.metric().usedDirectMemory());
    }

    private static Peer nettyAdaptive() {
        AdaptiveByteBufAllocator netty = new AdaptiveByteBufAllocator();
        return new Peer(size -> {
            ByteBuf buf = netty.directBuffer(size);
            buf.setByte(0, 1);
            return buf;
        }, netty::usedDirectMemory);
    }

    /** The optional second argument: how many live blocks, {@value #BLOCKS} without it. */
    static int blockCount(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the block count must be a whole number, got '" + text + "'", e);
        }
        if (n < 1000 || n > 2_000_000) {
            throw new IllegalArgumentException("the block count must be 1000 to 2000000, got " + n);
        }
        return n;
    }

    /**
     * Heap (after full GC) + direct-buffer pool + RSS deltas of {@code n} live blocks. A first allocator
     * of the same kind allocates as many first and keeps them, so class loading and the JIT's code and arenas
     * are outside the delta; the measured allocator is a fresh one, so it grows from nothing like the first.
     */
    static Map<String, Object> blocks(String name, int n, Supplier<Peer> allocators) {
        IntFunction<Object> warmUp = allocators.get().allocator();
        Object[] warm = new Object[n];
        for (int i = 0; i < n; i++) {
            warm[i] = warmUp.apply(BLOCK_BYTES);
        }
        Peer peer = allocators.get();
        IntFunction<Object> allocator = peer.allocator();
        Object[] live = new Object[n];
        allocator.apply(BLOCK_BYTES); // its own setup, outside the delta
        long heap0 = usedHeapAfterGc();
        long direct0 = directBufferBytes();
        long rss0 = KernelStatus.sizeInBytes("VmRSS");
        for (int i = 0; i < n; i++) {
            live[i] = allocator.apply(BLOCK_BYTES);
        }
        long reserved = peer.reservedBytes().getAsLong(); // all of it: the allocator was fresh
        long heap = usedHeapAfterGc() - heap0;
        long direct = directBufferBytes() - direct0;
        long rss = KernelStatus.sizeInBytes("VmRSS") - rss0;
        Map<String, Object> out = new LinkedHashMap<>();
        // the default count keeps the plain keys the goals read; other counts are the points of the volume chart
        String p = "footprint." + name + (n == BLOCKS ? "." : ".n" + n + ".");
        out.put(p + "blocks", n);
        out.put(p + "blockBytes", BLOCK_BYTES);
        out.put(p + "heapBytes", heap);
        out.put(p + "directBufferBytes", direct);
        out.put(p + "rssBytes", rss);
        long overhead = heap + rss - (long) n * BLOCK_BYTES;
        out.put(p + "overheadPerBlock", overhead / n);
        out.put(p + "bytesPerBlock", (heap + rss) / n);
        // the steadier figure: heap plus the native bytes the allocator reserved (no JIT or malloc noise)
        out.put(p + "reservedBytes", reserved);
        out.put(p + "heapPlusReservedPerBlock", (heap + reserved) / n);
        out.put(p + "liveCheck", live[n - 1] != null && warm[n - 1] != null);
        return out;
    }

    /**
     * The heap the last full collection left in use: each heap pool's usage right after that collection, not
     * its usage now. Read now, the young space counts the allocation buffer the thread took after the
     * collection (megabytes, whole), in one reading and not the other, which made the per-block figure jump
     * between two values from run to run.
     */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static long directBufferBytes() {
        long sum = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            sum += pool.getMemoryUsed();
        }
        return sum;
    }
}
