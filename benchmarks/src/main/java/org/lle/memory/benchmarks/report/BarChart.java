package org.lle.memory.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A grouped bar chart on a log scale, ours in one colour beside the peers in another, drawn with AWT. */
final class BarChart {
    record Bar(String label, double value, boolean ours) {
    }

    record Group(String title, List<Bar> bars) {
    }

    private static final Color OURS = new Color(0xD6, 0x27, 0x28);
    private static final Color PEER = new Color(0x55, 0x7E, 0xB0);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private static final int BAR = 24;
    private static final int GROUP_GAP = 34;
    private static final int LEFT = 80;
    private static final int TOP = 70;
    private static final int PLOT_HEIGHT = 430;
    private static final int LABEL_SPACE = 235;

    private BarChart() {
    }

    static void write(String title, List<Group> groups, Path png) throws IOException {
        int[] widths = groupWidths(groups);
        int width = LEFT + java.util.Arrays.stream(widths).sum() + groups.size() * GROUP_GAP + 40;
        int height = TOP + PLOT_HEIGHT + LABEL_SPACE + 20;
        BufferedImage image = new BufferedImage(Math.max(width, 700), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, title, groups, widths, image.getWidth());
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** Each group is as wide as its bars or its title, whichever is wider, so titles never overlap. */
    private static int[] groupWidths(List<Group> groups) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setFont(TITLE_FONT);
            FontMetrics fm = g.getFontMetrics();
            int[] widths = new int[groups.size()];
            for (int i = 0; i < widths.length; i++) {
                int w = groups.get(i).bars().size() * BAR;
                for (String line : groups.get(i).title().split("\n")) {
                    w = Math.max(w, fm.stringWidth(line) + 6);
                }
                widths[i] = w;
            }
            return widths;
        } finally {
            g.dispose();
        }
    }

    private static void draw(Graphics2D g, String title, List<Group> groups, int[] widths, int width) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, TOP + PLOT_HEIGHT + LABEL_SPACE + 20);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 24);
        legend(g, LEFT, 44);

        double min = Double.MAX_VALUE;
        double max = 0;
        for (Group group : groups) {
            for (Bar bar : group.bars()) {
                if (bar.value() > 0) {
                    min = Math.min(min, bar.value());
                    max = Math.max(max, bar.value());
                }
            }
        }
        if (max == 0) {
            return;
        }
        int lowDecade = (int) Math.floor(Math.log10(min));
        int highDecade = (int) Math.ceil(Math.log10(max * 1.5));
        Scale scale = new Scale(lowDecade, highDecade);
        grid(g, scale, width);

        int x = LEFT + GROUP_GAP / 2;
        int baseline = TOP + PLOT_HEIGHT;
        for (int gi = 0; gi < groups.size(); gi++) {
            Group group = groups.get(gi);
            int start = x;
            x += (widths[gi] - group.bars().size() * BAR) / 2;
            for (Bar bar : group.bars()) {
                if (bar.value() > 0) {
                    int y = scale.y(bar.value());
                    g.setColor(bar.ours() ? OURS : PEER);
                    g.fillRect(x + 2, y, BAR - 4, baseline - y);
                    g.setColor(Color.DARK_GRAY);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                    vertical(g, Report.shortNs(bar.value()), x + BAR / 2 + 4, y - 3);
                }
                g.setColor(bar.ours() ? OURS.darker() : Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, bar.ours() ? Font.BOLD : Font.PLAIN, 11));
                verticalDown(g, bar.label(), x + BAR / 2 + 4, baseline + 6);
                x += BAR;
            }
            x = start + widths[gi];
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            FontMetrics fm = g.getFontMetrics();
            int titleY = baseline + LABEL_SPACE - 10;
            String[] lines = group.title().split("\n");
            for (int i = 0; i < lines.length; i++) {
                int w = fm.stringWidth(lines[i]);
                g.drawString(lines[i], start + (x - start - w) / 2, titleY + i * 13);
            }
            g.setColor(GRID);
            g.drawLine(x + GROUP_GAP / 2, TOP, x + GROUP_GAP / 2, baseline + LABEL_SPACE - 24);
            x += GROUP_GAP;
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, baseline, width - 20, baseline);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(OURS);
        g.fillRect(x, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("ours (lle-memory)", x + 18, y);
        g.setColor(PEER);
        g.fillRect(x + 150, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("peer", x + 168, y);
        g.drawString("time per operation, log scale, lower is better", x + 230, y);
    }

    private static void grid(Graphics2D g, Scale scale, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int d = scale.low; d <= scale.high; d++) {
            int y = scale.y(Math.pow(10, d));
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(LEFT, y, width - 20, y);
            g.setColor(Color.BLACK);
            String label = Report.shortNs(Math.pow(10, d));
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
    }

    /** Text running upwards from (x, y). */
    private static void vertical(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        g.drawString(text, x, y);
        g.setTransform(saved);
    }

    /** Text running downwards from (x, y), so labels hang under their bars. */
    private static void verticalDown(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text), y);
        g.setTransform(saved);
    }

    private record Scale(int low, int high) {
        int y(double value) {
            double f = (Math.log10(value) - low) / (high - low);
            return (int) Math.round(TOP + PLOT_HEIGHT - f * PLOT_HEIGHT);
        }
    }
}
