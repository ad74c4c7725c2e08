package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slots share one slab buffer: no access, view or wipe of one block may reach its neighbours. */
class SlotAddressingTest {
    private final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults(),
            new TestConfigs.RecordingLeakListener());

    @AfterEach
    void close() {
        pools.close();
    }

    @Test
    void neighboursInOneSlabKeepTheirBytesThroughWritesViewsAndWipes() {
        PooledBlock a = (PooledBlock) pools.allocate(PoolType.BUFFER, 128);
        PooledBlock b = (PooledBlock) pools.allocate(PoolType.BUFFER, 128);
        PooledBlock c = (PooledBlock) pools.allocate(PoolType.BUFFER, 128);
        assertThat(b.slab).as("control: the three blocks share a slab").isSameAs(a.slab).isSameAs(c.slab);
        assertThat(Math.abs(b.base - a.base)).as("control: neighbours").isEqualTo(128);

        fill(a, (byte) 0x11);
        fill(c, (byte) 0x33);
        ByteBuffer view = b.asByteBuffer();
        assertThat(view.capacity()).as("a view ends where the block ends").isEqualTo(128);
        while (view.hasRemaining()) {
            view.put((byte) 0x22);
        }
        b.close();

        assertThat(bytes(b)).as("the closed block is wiped").containsOnly(0);
        assertThat(bytes(a)).as("its neighbour below").containsOnly(0x11);
        assertThat(bytes(c)).as("its neighbour above").containsOnly(0x33);
    }

    private static void fill(PooledBlock block, byte value) {
        byte[] data = new byte[block.size()];
        Arrays.fill(data, value);
        block.write(0, data, 0, data.length);
    }

    /** The slot's bytes read straight from the slab (also after close). */
    private static byte[] bytes(PooledBlock block) {
        byte[] out = new byte[block.capacity()];
        block.slab.memory.get(block.base, out);
        return out;
    }
}
