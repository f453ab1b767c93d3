package io.dropclass.report.chart;

import io.dropclass.analysis.ClassCount;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.data.ClassCatalog;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A horizontal bar chart of each class's pixel share on a logarithmic axis (0.01 % to 100 %), in
 * the class colours, with the 1 % line that separates the rare classes.
 */
public final class ClassShareChart {

    private static final int ROW = 22;
    private static final int LEFT = 150;
    private static final int RIGHT = 90;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;
    private static final int PLOT_WIDTH = 520;
    private static final ShareAxis AXIS = new ShareAxis(LEFT, PLOT_WIDTH);

    private ClassShareChart() {}

    /**
     * Draws the chart.
     *
     * @param stats the class statistics
     * @param catalog the classes (names and colours)
     * @param title a title line, e.g. the dataset and split
     * @return an RGB image
     */
    public static BufferedImage draw(ClassStatistics stats, ClassCatalog catalog, String title) {
        int k = stats.classes().size();
        BufferedImage image = new BufferedImage(LEFT + PLOT_WIDTH + RIGHT, TOP + k * ROW + BOTTOM,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ChartCanvas.begin(image, title + ": pixel share per class (log scale)", 20);
        try {
            drawAxis(g, k);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < k; i++) {
                drawBar(g, stats.classes().get(i), catalog, TOP + i * ROW);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawBar(Graphics2D g, ClassCount c, ClassCatalog catalog, int y) {
        double percent = 100 * c.share();
        g.setColor(Color.BLACK);
        g.drawString(c.name(), 10, y + 15);
        if (percent > 0) {
            int width = Math.max(1, AXIS.x(percent) - LEFT);
            g.setColor(new Color(catalog.colour(c.id())));
            g.fillRect(LEFT, y + 3, width, ROW - 6);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, y + 3, width, ROW - 6);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.3f %%", percent), LEFT + PLOT_WIDTH + 8,
                y + 15);
    }

    private static void drawAxis(Graphics2D g, int rows) {
        int bottom = TOP + rows * ROW;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        AXIS.drawTicks(g, TOP, bottom, new Color(220, 220, 220));
        g.drawString("under 1 %: rare", AXIS.x(1) + 4, bottom + 32);
    }

}
