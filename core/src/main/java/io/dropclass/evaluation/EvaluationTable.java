package io.dropclass.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a {@link SegmentationEvaluation} as a plain-text table for the console or a log: one row
 * per class, then the summary metrics. Percentages have two decimals; undefined values read "n/a".
 */
public final class EvaluationTable {

    /** Width of the labels of the summary lines, so that the numbers line up. */
    private static final int SUMMARY_LABEL_WIDTH = 44;

    private EvaluationTable() {}

    /**
     * Formats an evaluation.
     *
     * <p>Columns: train id, class name, IoU %, accuracy %, share of the labelled pixels %, and a
     * note: "rare" for a class of {@code rareClasses}, "absent" for a class neither labelled nor
     * predicted (its IoU reads "n/a"). Then mIoU under both absent-class policies, the rare-class
     * mIoU (when {@code rareClasses} is not empty), pixel accuracy, mean class accuracy and
     * frequency-weighted IoU.
     *
     * @param evaluation the result
     * @param rareClasses train ids to mark and average as rare classes; may be empty
     * @return the table, lines ending in {@code \n}
     */
    public static String format(SegmentationEvaluation evaluation, Set<Integer> rareClasses) {
        for (int c : rareClasses) {
            if (c < 0 || c >= evaluation.numClasses()) {
                throw new IllegalArgumentException(
                        "rare class id must be in [0, " + evaluation.numClasses() + "), got " + c);
            }
        }
        List<ClassScore> scores = evaluation.classes();
        int nameWidth = "class".length();
        for (ClassScore s : scores) {
            nameWidth = Math.max(nameWidth, s.name().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(
                line(
                        "Evaluation of %s: %d classes, %d labelled pixels",
                        evaluation.labelSet(),
                        evaluation.numClasses(),
                        evaluation.labelledPixels()));
        String rowFormat = " %3s  %-" + nameWidth + "s  %6s  %6s  %8s  %s";
        out.append(
                        line(rowFormat, "id", "class", "IoU %", "acc %", "pixels %", "note")
                                .stripTrailing())
                .append('\n');
        long total = evaluation.labelledPixels();
        for (ClassScore s : scores) {
            double share = total == 0 ? Double.NaN : (double) s.labelledPixels() / total;
            String row =
                    line(
                            rowFormat,
                            s.id(),
                            s.name(),
                            percent(s.iou()),
                            percent(s.accuracy()),
                            percent(share),
                            note(rareClasses.contains(s.id()), s.absent()));
            out.append(row.stripTrailing()).append('\n');
        }
        appendSummary(out, evaluation, rareClasses);
        return out.toString();
    }

    private static void appendSummary(
            StringBuilder out, SegmentationEvaluation evaluation, Set<Integer> rareClasses) {
        int k = evaluation.numClasses();
        int present = k - evaluation.absentClasses().size();
        out.append(
                summary(
                        "mIoU, absent skipped (" + present + " of " + k + ")",
                        evaluation.meanIou()));
        out.append(summary("mIoU, absent as 0 (official)", evaluation.meanIouAbsentAsZero()));
        if (!rareClasses.isEmpty()) {
            String rare = "rare-class mIoU (" + rareClasses.size() + " classes), absent ";
            out.append(
                    summary(
                            rare + "skipped",
                            evaluation.meanIou(rareClasses, AbsentClassPolicy.PRESENT)));
            out.append(
                    summary(
                            rare + "as 0",
                            evaluation.meanIou(rareClasses, AbsentClassPolicy.ZERO)));
        }
        out.append(summary("pixel accuracy", evaluation.pixelAccuracy()));
        out.append(summary("mean class accuracy", evaluation.meanClassAccuracy()));
        out.append(summary("frequency-weighted IoU", evaluation.frequencyWeightedIou()));
    }

    private static String summary(String label, double fraction) {
        return line("%-" + SUMMARY_LABEL_WIDTH + "s %6s %%", label + ":", percent(fraction));
    }

    private static String note(boolean rare, boolean absent) {
        if (rare && absent) {
            return "rare, absent";
        }
        return rare ? "rare" : absent ? "absent" : "";
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    private static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args) + "\n";
    }
}
