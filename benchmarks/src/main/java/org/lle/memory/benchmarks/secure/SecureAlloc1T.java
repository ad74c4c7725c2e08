package org.lle.memory.benchmarks.secure;

import org.openjdk.jmh.annotations.Threads;

/** {@link SecureAllocBenchmark} with 1 thread(s) sharing the allocators. */
@Threads(1)
public class SecureAlloc1T extends SecureAllocBenchmark {
}
