package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Running out of direct memory (the JVM's limit, not our budget) is reported like exhaustion: a
 * {@link MemoryBudgetExceededException}, state LOW_MEMORY, blocks already handed out intact. Runs in a child JVM
 * with a 2 MiB direct-memory limit.
 */
class PoolDirectMemoryExhaustionTest {

    @Test
    void directMemoryRunningOutIsARefusalNotACrash() {
        ChildJvmRun child = ChildJvmRun.of(Child.class, "-XX:MaxDirectMemorySize=2m", "-Xmx64m");
        String out = child.output();
        assertThat(child.exitCode()).as(out).isZero();
        assertThat(out).contains("refused after").contains("direct memory is exhausted")
                .contains("state LOW_MEMORY").contains("blocks intact true");
        int blocks = Integer.parseInt(out.replaceAll("(?s).*refused after (\\d+) blocks.*", "$1"));
        // 2 MiB of 16 KiB blocks in 128 KiB slabs: well below the 10,000 the pools would allow
        assertThat(blocks).isBetween(8, 128);
    }

    /** The child: allocates 16 KiB blocks until refused. */
    public static final class Child {
        public static void main(String[] args) {
            PoolConfig config = PoolConfig.builder()
                    .type(PoolType.BUFFER, new TypeConfig(List.of(16384), 1L << 30, 10_000, 1))
                    .totalBudget(1L << 30).emergencyReserve(0).build();
            try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(config)) {
                List<PoolBlock> held = new ArrayList<>();
                try {
                    while (true) {
                        PoolBlock b = pools.allocate(PoolType.BUFFER, 16384, AllocationStrategy.PRIMARY_ONLY);
                        b.put(16383, (byte) held.size());
                        held.add(b);
                    }
                } catch (MemoryBudgetExceededException refused) {
                    boolean intact = true;
                    for (int i = 0; i < held.size(); i++) {
                        intact &= held.get(i).get(16383) == (byte) i;
                    }
                    System.out.println("refused after " + held.size() + " blocks: " + refused.getMessage());
                    System.out.println("state " + pools.state() + ", blocks intact " + intact);
                }
                held.forEach(PoolBlock::close);
            }
        }
    }
}
