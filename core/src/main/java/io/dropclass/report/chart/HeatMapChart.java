package io.dropclass.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A K×K matrix as a heat map with class labels on both axes and a colour bar. Values are mapped
 * linearly from the matrix's finite minimum (white) to its maximum (dark blue); non-finite cells
 * are grey.
 */
public final class HeatMapChart {

    private static final int LABEL = 130;
    private static final int TOP = 36;
    private static final int BAR = 90;
    private static final int MAX_PLOT = 600;

    private HeatMapChart() {}

    /**
     * Draws the heat map.
     *
     * @param title the title line
     * @param labels the class names, in matrix order
     * @param matrix a square matrix of labels.size() rows
     * @return an RGB image
     */
    public static BufferedImage draw(String title, List<String> labels, double[][] matrix) {
        int k = labels.size();
        if (matrix.length != k) {
            throw new IllegalArgumentException(
                    "matrix has " + matrix.length + " rows for " + k + " labels");
        }
        for (double[] row : matrix) {
            if (row.length != k) {
                throw new IllegalArgumentException("matrix is not " + k + "x" + k);
            }
        }
        int cell = Math.max(6, Math.min(32, MAX_PLOT / Math.max(1, k)));
        int plot = cell * k;
        int width = LABEL + plot + BAR;
        int height = TOP + plot + LABEL;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : matrix) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        } else if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        BufferedImage image = new BufferedImage(width, Math.max(height, TOP + 220),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ChartCanvas.begin(image, title, 20, false);
        try {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    double v = matrix[r][c];
                    g.setColor(Double.isFinite(v) ? colour((v - lo) / (hi - lo))
                            : Color.LIGHT_GRAY);
                    g.fillRect(LABEL + c * cell, TOP + r * cell, cell, cell);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(LABEL, TOP, plot, plot);
            drawLabels(g, labels, cell);
            drawBar(g, LABEL + plot + 20, lo, hi);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawLabels(Graphics2D g, List<String> labels, int cell) {
        int size = Math.max(8, Math.min(12, cell - 2));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        g.setColor(Color.BLACK);
        int k = labels.size();
        for (int i = 0; i < k; i++) {
            String s = clip(labels.get(i));
            int w = g.getFontMetrics().stringWidth(s);
            g.drawString(s, LABEL - 4 - w, TOP + i * cell + cell / 2 + size / 2 - 1);
            AffineTransform saved = g.getTransform();
            g.translate(LABEL + i * cell + cell / 2 + size / 2 - 1, TOP + k * cell + 4);
            g.rotate(Math.PI / 2);
            g.drawString(s, 0, 0);
            g.setTransform(saved);
        }
    }

    private static void drawBar(Graphics2D g, int x, double lo, double hi) {
        int h = 200;
        for (int i = 0; i < h; i++) {
            g.setColor(colour(1 - i / (double) (h - 1)));
            g.fillRect(x, TOP + i, 16, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, TOP, 16, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.3g", hi), x + 20, TOP + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", (lo + hi) / 2), x + 20, TOP + h / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "%.3g", lo), x + 20, TOP + h);
    }

    private static String clip(String s) {
        return s.length() <= 18 ? s : s.substring(0, 17) + "…";
    }

    /** White at 0 to dark blue at 1. */
    static Color colour(double t) {
        double v = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(255 - v * (255 - 8));
        int gr = (int) Math.round(255 - v * (255 - 48));
        int b = (int) Math.round(255 - v * (255 - 107));
        return new Color(r, gr, b);
    }
}
