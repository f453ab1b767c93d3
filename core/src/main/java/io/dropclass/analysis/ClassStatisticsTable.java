package io.dropclass.analysis;

import java.util.Locale;

/** Renders {@link ClassStatistics} as a plain-text table for the console or a log. */
public final class ClassStatisticsTable {

    private ClassStatisticsTable() {}

    /**
     * Formats the statistics: one row per class (train id, name, pixels, share of labelled pixels
     * %, images, and "rare" when the share is below {@link ClassStatistics#RARE_SHARE}), then the
     * totals.
     *
     * @param stats the statistics
     * @return the table, lines ending in {@code \n}
     */
    public static String format(ClassStatistics stats) {
        int nameWidth = "class".length();
        long maxPixels = 0;
        for (ClassCount c : stats.classes()) {
            nameWidth = Math.max(nameWidth, c.name().length());
            maxPixels = Math.max(maxPixels, c.pixels());
        }
        int pixelWidth = Math.max("pixels".length(), Long.toString(maxPixels).length());
        String rowFormat = " %3s  %-" + nameWidth + "s  %" + pixelWidth + "s  %7s  %6s  %s";
        StringBuilder out = new StringBuilder();
        out.append(row(rowFormat, "id", "class", "pixels", "share %", "images", "note"));
        for (ClassCount c : stats.classes()) {
            boolean rare = c.share() < ClassStatistics.RARE_SHARE;
            out.append(
                    row(
                            rowFormat,
                            c.id(),
                            c.name(),
                            c.pixels(),
                            Double.isNaN(c.share())
                                    ? "n/a"
                                    : String.format(Locale.ROOT, "%.2f", 100 * c.share()),
                            c.images(),
                            rare ? "rare" : ""));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "%d images, %d labelled pixels, %d ignored pixels; rare: share < %.0f %%\n",
                        stats.images(),
                        stats.labelledPixels(),
                        stats.ignoredPixels(),
                        100 * ClassStatistics.RARE_SHARE));
        return out.toString();
    }

    private static String row(String format, Object... args) {
        return String.format(Locale.ROOT, format, args).stripTrailing() + "\n";
    }
}
