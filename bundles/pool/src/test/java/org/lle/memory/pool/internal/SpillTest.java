package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * A request spills into a larger class only when its own class cannot grow: here the JVM's direct memory ran
 * out (a child JVM with a 1 MiB limit) while the larger class still has free blocks carved. Every spill is
 * counted with the bytes it wastes; PRIMARY_ONLY never spills.
 */
class SpillTest {

    @Test
    void spillsHappenOnlyWhenThePrimaryClassCannotGrowAndAreCountedWithTheirWaste() {
        ChildJvmRun child = ChildJvmRun.of(Child.class, "-XX:MaxDirectMemorySize=1m", "-Xmx64m");
        String out = child.output();
        assertThat(child.exitCode()).as(out).isZero();
        assertThat(out).contains("spills before exhaustion 0")
                .contains("primary refused: cannot allocate 64 bytes of STRING with PRIMARY_ONLY: the JVM's direct memory")
                .contains("secondary capacity 256, automatic capacity 256")
                .contains("spills 2, waste 384, failures 1");
    }

    /** The child: a 256-byte class with free blocks, then 64-byte blocks until direct memory runs out. */
    public static final class Child {
        public static void main(String[] args) {
            PoolConfig config = PoolConfig.builder()
                    .type(PoolType.STRING, new TypeConfig(List.of(64, 256), 1L << 30, 1024, 1))
                    .totalBudget(1L << 30).emergencyReserve(0).threadCacheSize(0).build();
            try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(config)) {
                pools.allocate(PoolType.STRING, 200).close(); // carves a slab of the 256-byte class, all free again
                List<PoolBlock> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(pools.allocate(PoolType.STRING, 64, AllocationStrategy.PRIMARY_ONLY));
                    }
                } catch (MemoryBudgetExceededException refused) {
                    System.out.println("spills before exhaustion " + pools.stats(PoolType.STRING).secondaryFallbacks());
                    System.out.println("primary refused: " + refused.getMessage());
                }
                PoolBlock secondary = pools.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK);
                PoolBlock automatic = pools.allocate(PoolType.STRING, 60, AllocationStrategy.AUTOMATIC);
                System.out.println("secondary capacity " + secondary.capacity() + ", automatic capacity "
                        + automatic.capacity());
                PoolStats s = pools.stats(PoolType.STRING);
                // waste is counted against the primary class's block: (256 - 64) for each
                System.out.println("spills " + s.secondaryFallbacks() + ", waste " + s.secondaryWasteBytes()
                        + ", failures " + s.failures());
                secondary.close();
                automatic.close();
                held.forEach(PoolBlock::close);
            }
        }
    }
}
