package org.lle.memory.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result row.
 *
 * @param family the benchmark class without its thread-count suffix, e.g. {@code PoolAlloc}
 * @param method the benchmark method, e.g. {@code llePool}
 * @param params the JMH parameters, sorted by name
 * @param threads benchmark threads
 * @param score average time per operation
 * @param error the 99.9% confidence half-width JMH reports (NaN with one iteration)
 * @param unit e.g. {@code ns/op}
 * @param allocatedBytesPerOp heap bytes allocated per operation ({@code -prof gc}), NaN without the profiler
 * @param cpuPerOp CPU time of the benchmark threads per operation ({@code CpuTimeProfiler}), NaN without it
 */
record Result(String family, String method, Map<String, String> params, int threads, double score,
        double error, String unit, double allocatedBytesPerOp, double cpuPerOp) {

    /** Methods of ours start with {@code lle}; every other method is a peer. */
    boolean ours() {
        return method.startsWith("lle") || family.startsWith("EnableSecureMode");
    }

    /** @return "size=512" style text, or "" */
    String paramText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The rows that are compared with each other: same family, parameters and threads. */
    String groupKey() {
        return family + " " + paramText() + " t" + threads;
    }

    /** Reads every row of a JMH {@code -rf json} file. */
    static List<Result> fromJmhJson(String json) {
        List<Result> results = new ArrayList<>();
        for (JsonNode row : JmhJson.rows(json)) {
            String benchmark = row.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String family = className.replaceFirst("\\d+T$", "").replaceFirst("Benchmark$", "");
            Map<String, String> params = new TreeMap<>();
            row.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = row.path("primaryMetric");
            results.add(new Result(family, benchmark.substring(dot + 1), params, row.path("threads").asInt(),
                    JmhJson.number(metric.path("score")), JmhJson.number(metric.path("scoreError")),
                    metric.path("scoreUnit").asText(), secondary(row, "gc.alloc.rate.norm"),
                    secondary(row, "cpu.time.norm")));
        }
        return results;
    }

    private static double secondary(JsonNode row, String label) {
        return JmhJson.number(row.path("secondaryMetrics").path(label).path("score"));
    }
}
