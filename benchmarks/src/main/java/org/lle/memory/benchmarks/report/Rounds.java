package org.lle.memory.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Joins the JMH results of several rounds of the same benchmarks into one result, as if every fork of every round
 * had been one run: each benchmark's iterations are pooled, and its score (their mean) and error (the half width
 * of JMH's 99.9% confidence interval) are computed again from them.
 *
 * <p>Why rounds: JMH runs all forks of one benchmark before the next, so a slow spell of the machine lasting a
 * minute lands on one benchmark only. Rounds of one fork each over all benchmarks take turns instead, and a slow
 * spell is shared among them.
 */
final class Rounds {
    private static final double CONFIDENCE = 0.999;

    private Rounds() {
    }

    /**
     * @param rounds JMH {@code -rf json} texts, each of the same benchmarks
     * @return one JMH-shaped JSON text with a row per benchmark and parameter set
     * @throws IllegalArgumentException when a round lacks a benchmark another has, or a row has no raw data
     */
    static String pooled(List<String> rounds) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (String json : rounds) {
            for (JsonNode row : JmhJson.rows(json)) {
                byKey.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        byKey.forEach((key, rows) -> {
            if (rows.size() != rounds.size()) {
                throw new IllegalArgumentException(key + " is in " + rows.size() + " of " + rounds.size()
                        + " rounds: every round must measure the same benchmarks");
            }
            out.add(pooledRow(key, rows));
        });
        return out.toString();
    }

    private static String key(JsonNode row) {
        return row.path("benchmark").asText() + row.path("params") + "/" + row.path("threads").asInt() + "T";
    }

    private static ObjectNode pooledRow(String key, List<JsonNode> rows) {
        ObjectNode row = rows.get(0).deepCopy();
        row.put("forks", rows.stream().mapToInt(r -> r.path("forks").asInt(1)).sum());
        row.set("primaryMetric", pooledMetric(key, rows, r -> r.path("primaryMetric")));
        ObjectNode secondaries = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> names = rows.get(0).path("secondaryMetrics").fieldNames(); names.hasNext();) {
            String name = names.next();
            secondaries.set(name, pooledMetric(key + ":" + name, rows, r -> r.path("secondaryMetrics").path(name)));
        }
        row.set("secondaryMetrics", secondaries);
        return row;
    }

    private static ObjectNode pooledMetric(String key, List<JsonNode> rows,
            java.util.function.Function<JsonNode, JsonNode> metricOf) {
        ObjectNode metric = metricOf.apply(rows.get(0)).deepCopy();
        ArrayNode raw = JsonNodeFactory.instance.arrayNode();
        List<Double> values = new ArrayList<>();
        for (JsonNode r : rows) {
            JsonNode forks = metricOf.apply(r).path("rawData");
            if (!forks.isArray() || forks.isEmpty()) {
                throw new IllegalArgumentException(key + " has no raw data to pool");
            }
            for (JsonNode fork : forks) {
                raw.add(fork);
                fork.forEach(v -> values.add(JmhJson.number(v)));
            }
        }
        metric.put("score", mean(values));
        metric.put("scoreError", values.size() > 1 ? halfWidth(values) : Double.NaN);
        metric.set("rawData", raw);
        metric.remove("scorePercentiles");
        metric.remove("scoreConfidence");
        return metric;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** What JMH prints after the ±: Student's t at 99.9% times the standard error of the mean. */
    private static double halfWidth(List<Double> values) {
        int n = values.size();
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double stdev = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * stdev / Math.sqrt(n);
    }
}
