package org.lle.memory.benchmarks.soak;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the samples of a soak ({@code lle:soak}, CSV) as stacked line plots over time: resident memory,
 * locked memory, number of mappings, and live buffers. Flat lines are the result a soak looks for.
 *
 * <p>{@code java -cp benchmarks.jar org.lle.memory.benchmarks.soak.SoakPlot soak.csv soak.png}
 */
public final class SoakPlot {
    /** Column, axis label and scale (the CSV holds KiB; plots show MiB where that reads better). */
    private record Panel(String column, String label, double scale) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("rss_kib", "RSS (MiB)", 1 / 1024.0),
            new Panel("vmlck_kib", "VmLck (KiB)", 1),
            new Panel("mappings", "mappings", 1),
            new Panel("secure_live_buffers", "live secure buffers", 1),
            new Panel("pool_live_blocks", "live pool blocks", 1));

    private static final Color LINE = new Color(0x1F, 0x4E, 0x9A);

    private SoakPlot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SoakPlot SAMPLES.csv OUT.png");
            System.exit(2);
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    static void write(Path csv, Path png) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            throw new IllegalArgumentException(csv + " has no samples (header only or empty)");
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int time = column(header, "seconds", csv);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("minutes"));
        for (Panel panel : PANELS) {
            int c = column(header, panel.column(), csv);
            XYSeries series = new XYSeries(panel.label());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                series.add(Double.parseDouble(f[time]) / 60, Double.parseDouble(f[c]) * panel.scale());
            }
            NumberAxis axis = new NumberAxis(panel.label());
            axis.setAutoRangeIncludesZero(true);
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, LINE);
            XYPlot sub = new XYPlot(new XYSeriesCollection(series), null, axis, line);
            plot.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart("lle:soak: " + csv.getFileName(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 1100);
    }

    private static int column(List<String> header, String name, Path csv) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(csv + " has no column '" + name + "' (columns: " + header + ")");
        }
        return i;
    }
}
