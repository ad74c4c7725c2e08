package org.lle.memory.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The volume results against the number of live blocks: time per block (allocate N, then close N) for each
 * allocator and thread count, and memory held per live block, one line per allocator. Answers "does it stay
 * fast and small as the load grows", which the bar chart of single operations cannot.
 */
final class VolumeChart {
    /** Benchmark methods of the volume family: {@code lle_100k}, {@code nettyAdaptive_1m}, ... */
    private static final Pattern METHOD = Pattern.compile("(\\w+)_(\\d+)([km])");
    /** Footprint keys: {@code footprint.pool.heapPlusReservedPerBlock} at the default N, or with {@code .n<N>}. */
    private static final Pattern FOOTPRINT = Pattern.compile("footprint\\.(\\w+?)(?:\\.n(\\d+))?\\.heapPlusReservedPerBlock");
    static final int DEFAULT_FOOTPRINT_BLOCKS = 100_000;
    private static final Map<String, String> NAMES = Map.of("lle", "ours", "pool", "ours", "nettyPooled",
            "Netty pooled", "netty", "Netty pooled", "nettyAdaptive", "Netty adaptive", "adaptive", "Netty adaptive",
            "direct", "ByteBuffer.allocateDirect");

    private VolumeChart() {
    }

    /** @return whether the results hold any volume row (no chart is written without one) */
    static boolean write(Iterable<Result> results, Properties memory, Path png) throws IOException {
        Map<String, XYSeries> cost = new LinkedHashMap<>();
        for (Result r : results) {
            Matcher m = METHOD.matcher(r.method());
            if (!r.family().equals("Volume") || !m.matches()) {
                continue;
            }
            String name = NAMES.getOrDefault(m.group(1), m.group(1)) + ", " + r.threads() + " thread"
                    + (r.threads() == 1 ? "" : "s");
            cost.computeIfAbsent(name, XYSeries::new).add(blocks(m.group(2), m.group(3)), r.score());
        }
        if (cost.isEmpty()) {
            return false;
        }
        Map<String, XYSeries> footprint = new LinkedHashMap<>();
        for (String key : memory.stringPropertyNames()) {
            Matcher m = FOOTPRINT.matcher(key);
            if (m.matches()) {
                long n = m.group(2) == null ? DEFAULT_FOOTPRINT_BLOCKS : Long.parseLong(m.group(2));
                String name = "memory: " + NAMES.getOrDefault(m.group(1), m.group(1));
                footprint.computeIfAbsent(name, XYSeries::new).add(n, Double.parseDouble(memory.getProperty(key)));
            }
        }
        LogAxis liveBlocks = new LogAxis("live 64-byte blocks (N, log scale)");
        liveBlocks.setSmallestValue(1000);
        liveBlocks.setTickUnit(new NumberTickUnit(1)); // one tick per decade
        liveBlocks.setNumberFormatOverride(new DecimalFormat("#,##0"));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(liveBlocks);
        plot.setGap(14);
        plot.add(panel(cost, "ns per block: allocate N, then close N (lower is better)"), 3);
        if (!footprint.isEmpty()) {
            plot.add(panel(footprint, "bytes held per live block: heap + reserved native"), 2);
        }
        JFreeChart chart = new JFreeChart("Pools at volume: ours beside Netty's allocators, one JMH run",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 760);
        return true;
    }

    static long blocks(String digits, String unit) {
        return Long.parseLong(digits) * (unit.equals("k") ? 1_000L : 1_000_000L);
    }

    private static XYPlot panel(Map<String, XYSeries> series, String label) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        NumberAxis values = new NumberAxis(label);
        values.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = String.valueOf(data.getSeriesKey(i));
            boolean ours = key.contains("ours");
            renderer.setSeriesPaint(i, colour(key));
            renderer.setSeriesStroke(i, new BasicStroke(ours ? 3f : 1.5f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, key.contains("2 threads") ? new float[] {6f, 4f} : null, 0f));
        }
        XYPlot panel = new XYPlot(data, null, values, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }

    private static Color colour(String series) {
        if (series.contains("ours")) {
            return new Color(0xD6, 0x27, 0x28);
        }
        if (series.contains("Netty adaptive")) {
            return new Color(0x2C, 0xA0, 0x2C);
        }
        if (series.contains("Netty pooled")) {
            return new Color(0x55, 0x7E, 0xB0);
        }
        return Color.GRAY;
    }
}
