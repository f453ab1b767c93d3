package io.dropclass.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Locale;

/**
 * The horizontal pixel-share axis of the class charts: logarithmic from 0.01 % to 100 %, a tick
 * per decade, the 1 % line that separates the rare classes in red.
 *
 * @param left the x position of 0.01 %
 * @param width the plot's width in pixels (100 % is at left + width)
 */
record ShareAxis(int left, int width) {

    private static final double MIN_PERCENT = 0.01;
    private static final double MAX_PERCENT = 100;

    /**
     * The x position of a percentage, clamped to the plot.
     *
     * @param percent a share in percent
     * @return the pixel column
     */
    int x(double percent) {
        double p = Math.max(MIN_PERCENT, Math.min(MAX_PERCENT, percent));
        double t = (Math.log10(p) - Math.log10(MIN_PERCENT))
                / (Math.log10(MAX_PERCENT) - Math.log10(MIN_PERCENT));
        return left + (int) Math.round(t * width);
    }

    /**
     * Draws a vertical line and a label per decade (the 1 % line red and thicker); leaves the
     * stroke at 1 px and the colour black. The caller sets the font.
     *
     * @param g the graphics
     * @param top the lines' upper end
     * @param bottom the lines' lower end; labels 16 px below
     * @param grid the colour of the other lines
     */
    void drawTicks(Graphics2D g, int top, int bottom, Color grid) {
        for (double p = MIN_PERCENT; p <= MAX_PERCENT * 1.0001; p *= 10) {
            int x = x(p);
            g.setColor(p == 1 ? new Color(200, 40, 40) : grid);
            g.setStroke(new BasicStroke(p == 1 ? 2f : 1f));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.BLACK);
            g.drawString((p < 1 ? String.format(Locale.ROOT, "%.2f", p)
                    : String.format(Locale.ROOT, "%.0f", p)) + " %", x - 14, bottom + 16);
        }
        g.setStroke(new BasicStroke(1f));
    }
}
