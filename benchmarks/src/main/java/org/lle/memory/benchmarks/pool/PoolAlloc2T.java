package org.lle.memory.benchmarks.pool;

import org.openjdk.jmh.annotations.Threads;

/** {@link PoolAllocBenchmark} with 2 thread(s) sharing the allocators. */
@Threads(2)
public class PoolAlloc2T extends PoolAllocBenchmark {
}
