package org.lle.memory.benchmarks.pool;

import org.openjdk.jmh.annotations.Threads;

/** {@link PoolAllocBenchmark} with 1 thread(s) sharing the allocators. */
@Threads(1)
public class PoolAlloc1T extends PoolAllocBenchmark {
}
