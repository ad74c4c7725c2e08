package org.lle.memory.benchmarks.secure;

import org.openjdk.jmh.annotations.Threads;

/** {@link SecureAllocBenchmark} with 2 thread(s) sharing the allocators. */
@Threads(2)
public class SecureAlloc2T extends SecureAllocBenchmark {
}
