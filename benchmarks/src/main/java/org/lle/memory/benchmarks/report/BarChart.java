package org.lle.memory.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Ours beside the peers: one panel per comparison group, sharing a log-scale time axis, ours in one colour and
 * the peers in another, each bar labelled with its time.
 */
final class BarChart {
    record Bar(String label, double value, boolean ours) {
    }

    record Group(String title, List<Bar> bars) {
    }

    private static final Color OURS = new Color(0xD6, 0x27, 0x28);
    private static final Color PEER = new Color(0x55, 0x7E, 0xB0);
    private static final int PIXELS_PER_BAR = 30;

    private BarChart() {
    }

    static void write(String title, List<Group> groups, Path png) throws IOException {
        CombinedRangeCategoryPlot plot = new CombinedRangeCategoryPlot();
        plot.setGap(12);
        int bars = 0;
        for (Group group : groups) {
            List<Bar> positive = group.bars().stream().filter(b -> b.value() > 0).toList();
            if (positive.isEmpty()) {
                continue;
            }
            String panelTitle = group.title().replace('\n', ' ');
            int weight = Math.max(positive.size(), (panelTitle.length() + 4) / 5); // room for the title
            plot.add(panel(panelTitle, positive), weight);
            bars += weight;
        }
        plot.setRangeAxis(timeAxis(groups));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("ours (lle-memory)", OURS));
        legend.add(new LegendItem("peer", PEER));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, Math.max(700, 120 + bars * PIXELS_PER_BAR), 720);
    }

    /** Whole decades from below the fastest bar to above the slowest. */
    private static LogAxis timeAxis(List<Group> groups) {
        DoubleSummaryStatistics values = groups.stream().flatMap(g -> g.bars().stream()).mapToDouble(Bar::value)
                .filter(v -> v > 0).summaryStatistics();
        LogAxis axis = new LogAxis("ns per operation (log scale, lower is better)");
        if (values.getCount() > 0) {
            axis.setRange(Math.pow(10, Math.floor(Math.log10(values.getMin()))),
                    Math.pow(10, Math.ceil(Math.log10(values.getMax() * 3))));
        }
        axis.setTickUnit(new NumberTickUnit(1));
        return axis;
    }

    private static CategoryPlot panel(String title, List<Bar> bars) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            data.addValue(bar.value(), "time", bar.label());
        }
        CategoryAxis axis = new CategoryAxis(title);
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return bars.get(column).ours() ? OURS : PEER;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new TimeLabels());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.CENTER_LEFT, TextAnchor.CENTER_LEFT, -Math.PI / 2));
        CategoryPlot panel = new CategoryPlot(data, axis, null, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }

    /** Each bar's time in the report's short form (e.g. "24 ns", "1.6 µs"). */
    private static final class TimeLabels extends org.jfree.chart.labels.AbstractCategoryItemLabelGenerator
            implements org.jfree.chart.labels.CategoryItemLabelGenerator {
        private static final long serialVersionUID = 1L;

        TimeLabels() {
            super("", java.text.NumberFormat.getInstance());
        }

        @Override
        public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
            Number value = dataset.getValue(row, column);
            return value == null ? null : Report.shortNs(value.doubleValue());
        }
    }
}
