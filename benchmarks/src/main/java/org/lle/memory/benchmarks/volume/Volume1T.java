package org.lle.memory.benchmarks.volume;

import org.openjdk.jmh.annotations.Threads;

/** {@link VolumeBenchmark} with 1 thread(s) sharing the allocators, each with its own N live blocks. */
@Threads(1)
public class Volume1T extends VolumeBenchmark {
}
