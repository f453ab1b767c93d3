package io.dropclass.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of one or more series against the iteration, with a legend. Non-finite points are
 * skipped (the line breaks there).
 */
public final class LineChart {

    private static final PlotArea AREA = new PlotArea(580, 300, 64, 150, 30, 40);
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    /**
     * One line.
     *
     * @param name the legend label
     * @param x the x values (iterations)
     * @param y the y values, same length
     */
    public record Series(String name, double[] x, double[] y) {
        /** Checks the lengths. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "x and y differ in length: " + x.length + " vs " + y.length);
            }
        }
    }

    private LineChart() {}

    /**
     * Draws the chart.
     *
     * @param title the title line
     * @param xLabel the x axis label
     * @param series the lines
     * @return an RGB image
     */
    public static BufferedImage draw(String title, String xLabel, List<Series> series) {
        BufferedImage image =
                new BufferedImage(AREA.width(), AREA.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ChartCanvas.begin(image, title, 18);
        try {
            double[] range = range(series);
            drawAxes(g, range, xLabel, wholeNumbers(series));
            for (int i = 0; i < series.size(); i++) {
                Color c = PALETTE[i % PALETTE.length];
                drawSeries(g, series.get(i), range, c);
                drawLegend(g, series.get(i).name(), c, i);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** minX, maxX, minY, maxY over all finite points, widened when degenerate. */
    private static double[] range(List<Series> series) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    r[0] = Math.min(r[0], s.x()[i]);
                    r[1] = Math.max(r[1], s.x()[i]);
                    r[2] = Math.min(r[2], s.y()[i]);
                    r[3] = Math.max(r[3], s.y()[i]);
                }
            }
        }
        if (!Double.isFinite(r[0])) {
            return new double[] {0, 1, 0, 1};
        }
        if (r[1] - r[0] < 1e-12) {
            r[0] -= 1;
            r[1] += 1;
        }
        if (r[3] - r[2] < 1e-12) {
            double pad = Math.max(Math.abs(r[2]) * 0.1, 1e-3);
            r[2] -= pad;
            r[3] += pad;
        }
        return r;
    }

    /** Whether every finite x is a whole number (iterations), for whole tick labels. */
    private static boolean wholeNumbers(List<Series> series) {
        for (Series s : series) {
            for (double x : s.x()) {
                if (Double.isFinite(x) && x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int px(double x, double[] r) {
        return AREA.left() + (int) Math.round((x - r[0]) / (r[1] - r[0]) * AREA.plotWidth());
    }

    private static int py(double y, double[] r) {
        return AREA.plotBottom()
                - (int) Math.round((y - r[2]) / (r[3] - r[2]) * AREA.plotHeight());
    }

    private static void drawAxes(Graphics2D g, double[] r, String xLabel, boolean whole) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int ticks = whole ? (int) Math.max(1, Math.min(4, Math.round(r[1] - r[0]))) : 4;
        for (int t = 0; t <= 4; t++) {
            double y = r[2] + t * (r[3] - r[2]) / 4;
            int yy = py(y, r);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(AREA.left(), yy, AREA.plotRight(), yy);
            g.setColor(Color.BLACK);
            g.drawString(number(y), 4, yy + 4);
            if (t > ticks) {
                continue;
            }
            double x = r[0] + t * (r[1] - r[0]) / ticks;
            int xx = px(x, r);
            g.drawLine(xx, AREA.plotBottom(), xx, AREA.plotBottom() + 4);
            String label = whole ? String.format(Locale.ROOT, "%.0f", x) : number(x);
            g.drawString(label, xx - g.getFontMetrics().stringWidth(label) / 2,
                    AREA.plotBottom() + 16);
        }
        g.drawLine(AREA.left(), AREA.top(), AREA.left(), AREA.plotBottom());
        g.drawLine(AREA.left(), AREA.plotBottom(), AREA.plotRight(), AREA.plotBottom());
        g.drawString(xLabel, AREA.left() + AREA.plotWidth() / 2 - 20, AREA.height() - 8);
    }

    private static void drawSeries(Graphics2D g, Series s, double[] r, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(1.8f));
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        int points = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                pen = false;
                continue;
            }
            double x = px(s.x()[i], r);
            double y = py(s.y()[i], r);
            if (pen) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                pen = true;
            }
            points++;
        }
        g.draw(path);
        if (points <= 20) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    g.fillOval(px(s.x()[i], r) - 3, py(s.y()[i], r) - 3, 6, 6);
                }
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, String name, Color c, int i) {
        int x = AREA.plotRight() + 10;
        int y = AREA.top() + 4 + i * 15;
        g.setColor(c);
        g.fillRect(x, y, 12, 8);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(name.length() > 20 ? name.substring(0, 19) + "…" : name, x + 16, y + 9);
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
