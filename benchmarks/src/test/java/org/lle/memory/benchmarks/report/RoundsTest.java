package org.lle.memory.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.util.ListStatistics;

class RoundsTest {
    private static final String OURS = "a.b.WipeBenchmark.lleSecureClearDirect";
    private static final String PEER = "a.b.WipeBenchmark.arraysFill";

    /** One row as JMH writes it: raw data per fork, and a CPU-time secondary metric with its own raw data. */
    private static String row(String benchmark, double[][] forks, double cpu) {
        StringBuilder raw = new StringBuilder("[");
        double sum = 0;
        int n = 0;
        for (double[] fork : forks) {
            raw.append(raw.length() > 1 ? "," : "").append('[');
            for (int i = 0; i < fork.length; i++) {
                raw.append(i > 0 ? "," : "").append(fork[i]);
                sum += fork[i];
                n++;
            }
            raw.append(']');
        }
        raw.append(']');
        return "{\"benchmark\":\"" + benchmark + "\",\"mode\":\"avgt\",\"threads\":1,\"forks\":" + forks.length
                + ",\"params\":{\"bytes\":\"4096\"},\"primaryMetric\":{\"score\":" + sum / n
                + ",\"scoreError\":1.0,\"scoreUnit\":\"ns/op\",\"rawData\":" + raw + "},"
                + "\"secondaryMetrics\":{\"cpu.time.norm\":{\"score\":" + cpu + ",\"scoreUnit\":\"ns/op\","
                + "\"rawData\":[[" + cpu + "," + cpu + "]]}}}";
    }

    @Test
    void poolsEveryIterationOfEveryRoundAndComputesJmhsErrorAgain() {
        String round1 = "[" + row(OURS, new double[][] {{50, 52}}, 48) + "," + row(PEER, new double[][] {{100, 104}}, 90)
                + "]";
        String round2 = "[" + row(OURS, new double[][] {{110, 114}}, 60) + "," + row(PEER, new double[][] {{54, 50}}, 52)
                + "]";
        List<Result> pooled = Result.fromJmhJson(Rounds.pooled(List.of(round1, round2)));
        assertEquals(2, pooled.size());
        Result ours = pooled.get(0);
        assertEquals("lleSecureClearDirect", ours.method());
        assertEquals(81.5, ours.score(), 1e-9);
        ListStatistics jmh = new ListStatistics(new double[] {50, 52, 110, 114});
        assertEquals(jmh.getMeanErrorAt(0.999), ours.error(), 1e-9);
        assertEquals(54, ours.cpuPerOp(), 1e-9);
        assertEquals(77, pooled.get(1).score(), 1e-9);
    }

    @Test
    void refusesRoundsThatMeasuredDifferentBenchmarks() {
        String both = "[" + row(OURS, new double[][] {{50}}, 48) + "," + row(PEER, new double[][] {{60}}, 50) + "]";
        String oursOnly = "[" + row(OURS, new double[][] {{50}}, 48) + "]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rounds.pooled(List.of(both, oursOnly)));
        assertTrue(e.getMessage().contains("arraysFill") && e.getMessage().contains("1 of 2"), e.getMessage());
    }

    @Test
    void reportReadsRoundsJoinedByPlus(@TempDir Path dir) throws Exception {
        Path r1 = Files.writeString(dir.resolve("r1.json"), "[" + row(OURS, new double[][] {{40}}, 40) + "]");
        Path r2 = Files.writeString(dir.resolve("r2.json"), "[" + row(OURS, new double[][] {{60}}, 60) + "]");
        List<Result> read = Result.fromJmhJson(Report.read(r1 + "+" + r2));
        assertEquals(1, read.size());
        assertEquals(50, read.get(0).score(), 1e-9);
        assertEquals(40, Result.fromJmhJson(Report.read(r1.toString())).get(0).score(), 1e-9);
    }
}
