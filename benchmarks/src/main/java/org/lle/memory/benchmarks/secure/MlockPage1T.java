package org.lle.memory.benchmarks.secure;

import org.openjdk.jmh.annotations.Threads;

/** {@link MlockPageBenchmark} with 1 thread(s), each on its own page. */
@Threads(1)
public class MlockPage1T extends MlockPageBenchmark {
}
