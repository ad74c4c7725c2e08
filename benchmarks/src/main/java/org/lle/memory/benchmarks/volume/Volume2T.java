package org.lle.memory.benchmarks.volume;

import org.openjdk.jmh.annotations.Threads;

/** {@link VolumeBenchmark} with 2 thread(s) sharing the allocators, each with its own N live blocks. */
@Threads(2)
public class Volume2T extends VolumeBenchmark {
}
