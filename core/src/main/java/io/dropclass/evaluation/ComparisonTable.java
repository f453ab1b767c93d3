package io.dropclass.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders evaluations of several methods on the same validation set side by side: per-class IoU of
 * each, the difference of the last to the first (e.g. DropClass − baseline), then mIoU under both
 * absent-class policies, the rare-class mIoU, pixel accuracy and, where every evaluation has the
 * official Cityscapes counts, the official iIoU. A single run says nothing about seed noise; the
 * table does not pretend otherwise.
 */
public final class ComparisonTable {

    private ComparisonTable() {}

    /**
     * Formats the comparison.
     *
     * @param evaluations method name → evaluation, in column order (at least one; same classes)
     * @param rareClasses train ids marked and averaged as rare
     * @return the table, lines ending in {@code \n}
     */
    public static String format(
            Map<String, SegmentationEvaluation> evaluations, Set<Integer> rareClasses) {
        List<String> names = new ArrayList<>(evaluations.keySet());
        List<SegmentationEvaluation> evals = new ArrayList<>(evaluations.values());
        if (evals.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        SegmentationEvaluation first = evals.get(0);
        for (SegmentationEvaluation e : evals) {
            if (!e.classNames().equals(first.classNames())) {
                throw new IllegalArgumentException("evaluations of different label sets");
            }
        }
        boolean delta = evals.size() > 1;
        Map<String, List<Double>> summary = new LinkedHashMap<>();
        summary.put("mIoU (absent skipped)", evals.stream().map(SegmentationEvaluation::meanIou)
                .toList());
        summary.put("mIoU (absent as 0)",
                evals.stream().map(SegmentationEvaluation::meanIouAbsentAsZero).toList());
        if (!rareClasses.isEmpty()) {
            summary.put("rare-class mIoU", evals.stream()
                    .map(e -> e.meanIou(rareClasses, AbsentClassPolicy.PRESENT)).toList());
        }
        summary.put("pixel accuracy",
                evals.stream().map(SegmentationEvaluation::pixelAccuracy).toList());
        if (evals.stream().allMatch(e -> e.cityscapes() != null)) {
            summary.put("iIoU (Cityscapes)",
                    evals.stream().map(SegmentationEvaluation::meanInstanceIou).toList());
        }
        // one label column for the class rows (" id  name") and the summary rows: numbers align
        int nameWidth = Math.max(14,
                summary.keySet().stream().mapToInt(String::length).max().orElse(0) - 5);
        StringBuilder out = new StringBuilder();
        StringBuilder header = new StringBuilder(
                String.format(Locale.ROOT, " %3s  %-" + nameWidth + "s", "id", "class"));
        names.forEach(n -> header.append(String.format(Locale.ROOT, "  %10s", cut(n))));
        if (delta) {
            header.append(String.format(Locale.ROOT, "  %8s", "delta"));
        }
        out.append("Per-class IoU %").append('\n').append(header.toString().stripTrailing())
                .append("  note\n");
        for (int c = 0; c < first.numClasses(); c++) {
            final int cls = c;
            List<Double> ious = evals.stream().map(e -> e.classes().get(cls).iou()).toList();
            out.append(row(String.format(Locale.ROOT, " %3d  %-" + nameWidth + "s", c,
                    cut(first.classNames().get(c))), ious, delta,
                    rareClasses.contains(c) ? "rare" : ""));
        }
        summary.forEach((label, values) -> out.append(row(
                String.format(Locale.ROOT, " %-" + (nameWidth + 5) + "s", label), values, delta,
                "")));
        return out.toString();
    }

    private static String row(String label, List<Double> values, boolean delta, String note) {
        StringBuilder row = new StringBuilder(label);
        values.forEach(v -> row.append(String.format(Locale.ROOT, "  %10s", percent(v))));
        if (delta) {
            double d = values.get(values.size() - 1) - values.get(0);
            row.append(String.format(Locale.ROOT, "  %8s",
                    Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%+.2f", 100 * d)));
        }
        row.append("  ").append(note);
        return row.toString().stripTrailing() + "\n";
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String cut(String s) {
        return s.length() <= 14 ? s : s.substring(0, 14);
    }
}
