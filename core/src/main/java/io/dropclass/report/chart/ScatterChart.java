package io.dropclass.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Per-class IoU (y, 0 to 100 %) against the class's pixel share (x, logarithmic, 0.01 % to 100 %),
 * one marker colour per group (method), with the 1 % rare-class line. Classes whose share is zero
 * are drawn at the left edge; non-finite IoUs are skipped.
 */
public final class ScatterChart {

    private static final PlotArea AREA = new PlotArea(760, 420, 60, 170, 34, 46);
    private static final ShareAxis AXIS = new ShareAxis(AREA.left(), AREA.plotWidth());
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189),
        new Color(140, 86, 75)};

    /**
     * One group of points.
     *
     * @param name the legend label
     * @param labels a label per point (class name), drawn next to the point for the first group
     * @param share the pixel share per point, a fraction
     * @param iou the IoU per point, a fraction
     */
    public record Group(String name, List<String> labels, double[] share, double[] iou) {
        /** Checks the lengths. */
        public Group {
            if (share.length != iou.length || labels.size() != iou.length) {
                throw new IllegalArgumentException("labels, share and iou differ in length");
            }
            labels = List.copyOf(labels);
        }
    }

    private ScatterChart() {}

    /**
     * Draws the chart.
     *
     * @param title the title line
     * @param groups the groups, each in its own colour
     * @return an RGB image
     */
    public static BufferedImage draw(String title, List<Group> groups) {
        BufferedImage image =
                new BufferedImage(AREA.width(), AREA.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ChartCanvas.begin(image, title, 20);
        try {
            drawAxes(g);
            for (int i = 0; i < groups.size(); i++) {
                drawGroup(g, groups.get(i), PALETTE[i % PALETTE.length], i == 0);
                drawLegend(g, groups.get(i).name(), PALETTE[i % PALETTE.length], i);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawGroup(Graphics2D g, Group group, Color c, boolean labelled) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < group.iou().length; i++) {
            double iou = group.iou()[i];
            if (!Double.isFinite(iou)) {
                continue;
            }
            int x = AXIS.x(100 * group.share()[i]);
            int y = y(iou);
            g.setColor(c);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (labelled) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(group.labels().get(i), x + 6, y - 4);
            }
        }
    }

    private static void drawAxes(Graphics2D g) {
        int bottom = AREA.plotBottom();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        AXIS.drawTicks(g, AREA.top(), bottom, new Color(225, 225, 225));
        for (int t = 0; t <= 100; t += 20) {
            int y = y(t / 100.0);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(AREA.left(), y, AREA.plotRight(), y);
            g.setColor(Color.BLACK);
            g.drawString(t + " %", 18, y + 4);
        }
        g.drawLine(AREA.left(), AREA.top(), AREA.left(), bottom);
        g.drawLine(AREA.left(), bottom, AREA.plotRight(), bottom);
        g.drawString("pixel share of the class (log scale); left of the red line: rare",
                AREA.left() + 80, AREA.height() - 10);
        g.drawString("IoU", 18, AREA.top() - 6);
    }

    private static void drawLegend(Graphics2D g, String name, Color c, int i) {
        int x = AREA.plotRight() + 14;
        int y = AREA.top() + 10 + i * 18;
        g.setColor(c);
        g.fillOval(x, y - 8, 9, 9);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(name, x + 14, y);
    }


    private static int y(double iou) {
        double v = Math.max(0, Math.min(1, iou));
        return AREA.plotBottom() - (int) Math.round(v * AREA.plotHeight());
    }
}
