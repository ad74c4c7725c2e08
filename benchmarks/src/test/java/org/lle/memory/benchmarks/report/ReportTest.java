package org.lle.memory.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    /** Two rows in the shape JMH writes with -rf json (trimmed to the fields the report reads). */
    private static String jmhJson(double ours, double netty) {
        return "[" + row("org.lle.memory.benchmarks.pool.PoolAlloc1T.llePool", 1, "512", ours) + ","
                + row("org.lle.memory.benchmarks.pool.PoolAlloc1T.nettyPooledDirect", 1, "512", netty) + "]";
    }

    private static String row(String benchmark, int threads, String size, double score) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"" + benchmark + "\",\"mode\":\"avgt\",\"threads\":" + threads
                + ",\"forks\":1,\"jvmArgs\":[],\"jdkVersion\":\"17\",\"params\":{\"size\":\"" + size + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ns/op\","
                + "\"rawData\":[[" + score + "]]},\"secondaryMetrics\":{}}";
    }

    @Test
    void readsJmhRows() {
        List<Result> results = Result.fromJmhJson(jmhJson(30.5, 80));
        assertEquals(2, results.size());
        Result ours = results.get(0);
        assertEquals("PoolAlloc", ours.family());
        assertEquals("llePool", ours.method());
        assertEquals("512", ours.params().get("size"));
        assertEquals(30.5, ours.score());
        assertTrue(Double.isNaN(ours.error()));
        assertTrue(ours.ours());
        assertTrue(!results.get(1).ours());
    }

    @Test
    void readsCpuTimeAndAllocationFromSecondaryMetrics() {
        String json = "[{\"benchmark\":\"a.b.WipeBenchmark.lleSecureClearArray\",\"threads\":1,\"params\":{\"bytes\":\"64\"},"
                + "\"primaryMetric\":{\"score\":20.0,\"scoreError\":1.5,\"scoreUnit\":\"ns/op\"},"
                + "\"secondaryMetrics\":{\"cpu.time.norm\":{\"score\":18.5,\"scoreUnit\":\"ns/op\"},"
                + "\"gc.alloc.rate.norm\":{\"score\":0.001,\"scoreUnit\":\"B/op\"}}}]";
        Result r = Result.fromJmhJson(json).get(0);
        assertEquals("Wipe", r.family());
        assertEquals(18.5, r.cpuPerOp());
        assertEquals(0.001, r.allocatedBytesPerOp());
        assertEquals(1.5, r.error());
    }

    @Test
    void poolGoalMetOnlyAtHalfOfNetty() {
        assertEquals(Goal.Status.MET, poolGoal(40, 80).status());
        assertEquals(Goal.Status.MISSED, poolGoal(41, 80).status());
    }

    @Test
    void goalWithoutOurResultIsNotMeasured() {
        List<Result> onlyNetty = Result.fromJmhJson(
                "[" + row("org.lle.memory.benchmarks.pool.PoolAlloc1T.nettyPooledDirect", 1, "512", 80) + "]");
        Goal g = new Goals(onlyNetty, new Properties()).evaluate().get(0);
        assertEquals(Goal.Status.NOT_MEASURED, g.status());
    }

    @Test
    void secretsGoalNeedsTheCapabilityDropped() {
        Properties memory = new Properties();
        memory.setProperty("secrets.liveLocked", "120000");
        memory.setProperty("secrets.capIpcLock", "true");
        assertEquals(Goal.Status.NOT_MEASURED, secretsGoal(memory).status());
        memory.setProperty("secrets.capIpcLock", "false");
        assertEquals(Goal.Status.MET, secretsGoal(memory).status());
        memory.setProperty("secrets.liveLocked", "99999");
        assertEquals(Goal.Status.MISSED, secretsGoal(memory).status());
    }

    @Test
    void spliceReplacesOnlyTheGeneratedSection() {
        String doc = "intro\n" + Report.BEGIN + "\nold\n" + Report.END + "\nanalysis\n";
        String out = Report.splice(doc, Report.BEGIN + "\nnew\n" + Report.END + "\n");
        assertEquals("intro\n" + Report.BEGIN + "\nnew\n" + Report.END + "\nanalysis\n", out);
    }

    @Test
    void rejectsBrokenJson() {
        assertThrows(IllegalArgumentException.class, () -> Result.fromJmhJson("[{\"a\":1}"));
    }

    @Test
    void writesMarkdownAndPng(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Files.writeString(json, jmhJson(30, 80));
        Path md = dir.resolve("p.md");
        Path png = dir.resolve("p.png");
        Report.main(new String[] {json.toString(), dir.resolve("none.properties").toString(),
            dir.resolve("none2.properties").toString(), md.toString(), png.toString()});
        String text = Files.readString(md);
        assertTrue(text.contains("| pool alloc+close 512 B, 1T: ours ÷ Netty pooled direct | 0.38×"), text);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void readsSeveralResultsAsOneRunAndRefusesARowReadTwice() {
        String oursOnly = "[" + row("org.lle.memory.benchmarks.pool.PoolAlloc1T.llePool", 1, "512", 30) + "]";
        String nettyOnly = "[" + row("org.lle.memory.benchmarks.pool.PoolAlloc1T.nettyPooledDirect", 1, "512", 80) + "]";
        List<Result> both = Report.merged(List.of(oursOnly, nettyOnly));
        assertEquals(Goal.Status.MET, new Goals(both, new Properties()).evaluate().get(0).status());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Report.merged(List.of(oursOnly, jmhJson(30, 80))));
        assertTrue(twice.getMessage().contains("llePool"), twice.getMessage());
    }

    private static Goal poolGoal(double ours, double netty) {
        return new Goals(Result.fromJmhJson(jmhJson(ours, netty)), new Properties()).evaluate().get(0);
    }

    private static Goal secretsGoal(Properties memory) {
        return new Goals(List.of(), memory).evaluate().stream()
                .filter(g -> g.name().startsWith("live locked")).findFirst().orElseThrow();
    }

    @Test
    void volumeGoalIsHeldToTheBetterOfTheTwoNettyAllocators() {
        String json = "[" + row("x.volume.Volume1T.lle_100k", 1, null, 40) + ","
                + row("x.volume.Volume1T.nettyPooled_100k", 1, null, 200) + ","
                + row("x.volume.Volume1T.nettyAdaptive_100k", 1, null, 90) + "]";
        Goal g = goalNamed(new Goals(Result.fromJmhJson(json), new Properties()).evaluate(),
                "allocate 100k then close them, 1T");
        assertEquals(Goal.Status.MET, g.status());
        assertTrue(g.measured().contains("nettyAdaptive_100k"), g.measured());
        String slower = json.replace(row("x.volume.Volume1T.lle_100k", 1, null, 40),
                row("x.volume.Volume1T.lle_100k", 1, null, 46));
        assertEquals(Goal.Status.MISSED, goalNamed(new Goals(Result.fromJmhJson(slower), new Properties()).evaluate(),
                "allocate 100k then close them, 1T").status());
    }

    @Test
    void memoryPerBlockGoalComparesWithTheBetterNetty() {
        Properties memory = new Properties();
        memory.setProperty("footprint.pool.heapPlusReservedPerBlock", "124");
        memory.setProperty("footprint.netty.heapPlusReservedPerBlock", "167");
        memory.setProperty("footprint.adaptive.heapPlusReservedPerBlock", "130");
        assertEquals(Goal.Status.MET, goalNamed(new Goals(List.of(), memory).evaluate(), "memory held per live").status());
        memory.setProperty("footprint.adaptive.heapPlusReservedPerBlock", "120");
        assertEquals(Goal.Status.MISSED, goalNamed(new Goals(List.of(), memory).evaluate(), "memory held per live").status());
    }

    private static Goal goalNamed(List<Goal> goals, String prefix) {
        return goals.stream().filter(g -> g.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void volumeChartPlotsTimeAndMemoryAgainstLiveBlocksOnlyWhenMeasured(@TempDir Path dir) throws Exception {
        String json = "[" + row("x.volume.Volume1T.lle_10k", 1, null, 40) + ","
                + row("x.volume.Volume1T.lle_100k", 1, null, 50) + ","
                + row("x.volume.Volume2T.lle_100k", 2, null, 60) + ","
                + row("x.volume.Volume1T.nettyAdaptive_100k", 1, null, 90) + "]";
        Properties memory = new Properties();
        memory.setProperty("footprint.pool.heapPlusReservedPerBlock", "124");
        memory.setProperty("footprint.pool.n10000.heapPlusReservedPerBlock", "180");
        memory.setProperty("footprint.adaptive.heapPlusReservedPerBlock", "134");
        Path png = dir.resolve("v.png");
        assertTrue(VolumeChart.write(Result.fromJmhJson(json), memory, png));
        assertTrue(Files.size(png) > 1000);
        Path none = dir.resolve("none.png");
        assertEquals(false, VolumeChart.write(Result.fromJmhJson(jmhJson(30, 80)), memory, none));
        assertEquals(false, Files.exists(none));
        assertEquals(dir.resolve("performance-volume.png"), Report.volumePng(dir.resolve("performance.png")));
        assertEquals(1_000_000L, VolumeChart.blocks("1", "m"));
    }
}
