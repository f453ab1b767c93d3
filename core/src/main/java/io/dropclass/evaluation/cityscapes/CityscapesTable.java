package io.dropclass.evaluation.cityscapes;

import io.dropclass.data.cityscapes.CityscapesLabel;
import io.dropclass.data.cityscapes.CityscapesLabels;
import java.util.Locale;

/**
 * The official Cityscapes scores as a console table, laid out as the official script prints them:
 * the 19 evaluated classes with IoU and iIoU and their averages, then the 7 categories (void left
 * out) with IoU and iIoU and their averages. Percentages with two decimals; "n/a" for NaN.
 */
public final class CityscapesTable {

    private CityscapesTable() {}

    /**
     * Formats the scores.
     *
     * @param scores the official scores
     * @return the table, lines ending in {@code \n}
     */
    public static String format(CityscapesScores scores) {
        StringBuilder out = new StringBuilder();
        out.append("Cityscapes official metrics (evalPixelLevelSemanticLabeling.py), %\n");
        out.append(String.format(Locale.ROOT, "%-14s  %6s  %6s\n", "class", "IoU", "iIoU"));
        for (CityscapesLabel l : CityscapesLabels.all()) {
            if (l.id() >= 0 && !l.ignoreInEval()) {
                out.append(row(l.name(), scores.classScores().get(l.name()),
                        scores.classInstScores().get(l.name())));
            }
        }
        out.append(row("average", scores.averageScoreClasses(),
                scores.averageScoreInstClasses()));
        out.append(String.format(Locale.ROOT, "%-14s  %6s  %6s\n", "category", "IoU", "iIoU"));
        for (String category : CityscapesLabels.categories()) {
            boolean evaluated = CityscapesLabels.ofCategory(category).stream()
                    .anyMatch(l -> !l.ignoreInEval());
            if (evaluated) {
                out.append(row(category, scores.categoryScores().get(category),
                        scores.categoryInstScores().get(category)));
            }
        }
        out.append(row("average", scores.averageScoreCategories(),
                scores.averageScoreInstCategories()));
        return out.toString();
    }

    private static String row(String name, double iou, double iiou) {
        return String.format(Locale.ROOT, "%-14s  %6s  %6s\n", name, percent(iou), percent(iiou));
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}
