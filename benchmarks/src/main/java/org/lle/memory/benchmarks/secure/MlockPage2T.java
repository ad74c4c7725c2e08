package org.lle.memory.benchmarks.secure;

import org.openjdk.jmh.annotations.Threads;

/** {@link MlockPageBenchmark} with 2 thread(s), each on its own page. */
@Threads(2)
public class MlockPage2T extends MlockPageBenchmark {
}
