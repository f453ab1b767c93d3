package io.dropclass.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The common start of every chart: antialiased text (and shapes, unless a chart of sharp cells
 * asks otherwise), white ground, a bold title.
 */
final class ChartCanvas {

    private ChartCanvas() {}

    /**
     * Prepares an image for drawing.
     *
     * @param image the chart's image
     * @param title the title, drawn at the top left
     * @param titleBaseline the title's baseline, in pixels from the top
     * @return the graphics (the caller disposes of it)
     */
    static Graphics2D begin(BufferedImage image, String title, int titleBaseline) {
        return begin(image, title, titleBaseline, true);
    }

    /**
     * Prepares an image for drawing, with shapes antialiased or left sharp.
     *
     * @param image the chart's image
     * @param title the title, drawn at the top left
     * @param titleBaseline the title's baseline, in pixels from the top
     * @param smoothShapes false to leave shapes (a heat map's cells) unantialiased
     * @return the graphics (the caller disposes of it)
     */
    static Graphics2D begin(BufferedImage image, String title, int titleBaseline,
            boolean smoothShapes) {
        Graphics2D g = image.createGraphics();
        if (smoothShapes) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, 10, titleBaseline);
        return g;
    }
}
