package io.dropclass.report.chart;

/**
 * A chart's image size and the margins around its plot, in pixels.
 *
 * @param width image width
 * @param height image height
 * @param left margin left of the plot (the y axis labels)
 * @param right margin right of the plot (the legend)
 * @param top margin above the plot (the title)
 * @param bottom margin below the plot (the x axis labels)
 */
record PlotArea(int width, int height, int left, int right, int top, int bottom) {

    /** The plot's right edge: {@code width − right}. */
    int plotRight() {
        return width - right;
    }

    /** The plot's bottom edge (the x axis): {@code height − bottom}. */
    int plotBottom() {
        return height - bottom;
    }

    /** The plot's width. */
    int plotWidth() {
        return width - left - right;
    }

    /** The plot's height. */
    int plotHeight() {
        return height - top - bottom;
    }
}
