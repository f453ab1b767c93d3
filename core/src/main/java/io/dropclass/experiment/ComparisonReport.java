package io.dropclass.experiment;

import io.dropclass.analysis.SeedComparison;
import io.dropclass.evaluation.SegmentationEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The tables and the JSON of a {@link Comparison}: a summary per method (mIoU and rare-class mIoU
 * over seeds, differences to CE) for the console, and the per-class table for a file.
 */
final class ComparisonReport {

    private ComparisonReport() {}

    /**
     * The console summary, one row per method: mIoU and rare-class mIoU as mean ± std over the
     * seeds, and each method's paired difference to baseline.
     */
    static String summary(
            Map<String, List<SegmentationEvaluation>> evals, Set<Integer> rare, List<Long> seeds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "IoU %% over %d seed(s) %s: mean ± std; Δ = method − baseline"
                        + " with a 95 %% bootstrap interval over seed pairs;"
                        + " 'noise' = the interval contains 0%n",
                seeds.size(), seeds));
        // the method column as wide as the longest method name (at least "method" and 12)
        String name = " %-" + evals.keySet().stream().mapToInt(String::length)
                .reduce(12, Math::max) + "s";
        out.append(String.format(Locale.ROOT, name + "  %15s  %-26s  %15s  %s%n", "method", "mIoU",
                "Δ mIoU", "rare-class mIoU", "Δ rare-class mIoU").stripTrailing()).append('\n');
        List<ToDoubleFunction<SegmentationEvaluation>> metrics = List.of(
                SegmentationEvaluation::meanIou, e -> Comparison.rareMeanIou(e, rare));
        double[][] base = metrics.stream().map(m -> values(evals.get("baseline"), m))
                .toArray(double[][]::new);
        evals.forEach((method, runs) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, name, method));
            for (int i = 0; i < metrics.size(); i++) {
                double[] v = values(runs, metrics.get(i));
                SeedComparison.Summary s = SeedComparison.summary(v);
                row.append(String.format(Locale.ROOT, "  %15s", Double.isNaN(s.mean()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(),
                        100 * s.std())));
                row.append(String.format(Locale.ROOT, "  %-26s", method.equals("baseline") ? ""
                        : delta(Comparison.difference(v, base[i]))));
            }
            out.append(row.toString().stripTrailing()).append('\n');
        });
        return out.toString();
    }

    /** Per-class table: mean ± std per method, then each method's paired difference to baseline. */
    static String table(
            Map<String, List<SegmentationEvaluation>> evals, Set<Integer> rare, List<Long> seeds) {
        List<String> methods = new ArrayList<>(evals.keySet());
        SegmentationEvaluation first = evals.get("baseline").get(0);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "IoU %% over %d seed(s) %s: mean ± std; Δ = method − baseline"
                        + " with a 95 %% bootstrap interval over seed pairs;"
                        + " 'noise' = the interval contains 0%n",
                seeds.size(), seeds));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, " %3s  %-14s", "id",
                "class"));
        methods.forEach(m -> header.append(String.format(Locale.ROOT, "  %15s", m)));
        methods.stream().skip(1).forEach(m -> header.append(String.format(Locale.ROOT,
                "  %-26s", "Δ " + m)));
        out.append(header.toString().stripTrailing()).append('\n');
        for (int c = 0; c < first.numClasses(); c++) {
            final int cls = c;
            String label = String.format(Locale.ROOT, " %3d  %-14s", c,
                    cut(first.classNames().get(c)));
            out.append(row(label + (rare.contains(c) ? "*" : " "), evals,
                    e -> e.classes().get(cls).iou()));
        }
        out.append(row(String.format(Locale.ROOT, " %-20s", "mIoU"), evals,
                SegmentationEvaluation::meanIou));
        out.append(row(String.format(Locale.ROOT, " %-20s", "rare-class mIoU"), evals,
                e -> Comparison.rareMeanIou(e, rare)));
        if (hasInstances(evals)) {
            out.append(row(String.format(Locale.ROOT, " %-20s", "iIoU (Cityscapes)"), evals,
                    SegmentationEvaluation::meanInstanceIou));
        }
        out.append(" * rare: under 1 % of the training pixels\n");
        if (hasInstances(evals)) {
            out.append(" iIoU: the official Cityscapes instance-level IoU, mean over the 8 classes"
                    + " with instances\n");
        }
        return out.toString();
    }

    private static String row(
            String label,
            Map<String, List<SegmentationEvaluation>> evals,
            ToDoubleFunction<SegmentationEvaluation> metric) {
        StringBuilder row = new StringBuilder(label);
        double[] base = values(evals.get("baseline"), metric);
        for (List<SegmentationEvaluation> runs : evals.values()) {
            SeedComparison.Summary s = SeedComparison.summary(values(runs, metric));
            row.append(String.format(Locale.ROOT, "  %15s", Double.isNaN(s.mean()) ? "n/a"
                    : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.std())));
        }
        evals.entrySet().stream().skip(1).forEach(e -> {
            SeedComparison.Difference d = Comparison.difference(values(e.getValue(), metric), base);
            row.append("  ").append(String.format(Locale.ROOT, "%-26s", delta(d)));
        });
        return row.toString().stripTrailing() + "\n";
    }

    private static String delta(SeedComparison.Difference d) {
        if (Double.isNaN(d.mean())) {
            return "n/a";
        }
        String interval = Double.isNaN(d.low()) ? "(one seed)"
                : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * d.low(), 100 * d.high());
        return String.format(Locale.ROOT, "%+.2f %s%s", 100 * d.mean(), interval,
                d.withinNoise() ? " noise" : "");
    }

    private static double[] values(
            List<SegmentationEvaluation> runs, ToDoubleFunction<SegmentationEvaluation> metric) {
        return runs.stream().mapToDouble(metric).toArray();
    }

    /**
     * Whether every run has the official Cityscapes counts (a Cityscapes split with instance
     * ids), so that an iIoU row means the same for every method.
     */
    static boolean hasInstances(Map<String, List<SegmentationEvaluation>> evals) {
        return evals.values().stream().flatMap(List::stream).allMatch(e -> e.cityscapes() != null);
    }

    private static String cut(String s) {
        return s.length() <= 14 ? s : s.substring(0, 14);
    }

    /** The JSON document: per method per class mean/std, differences, and the headline means. */
    static Map<String, Object> json(
            Map<String, List<SegmentationEvaluation>> evals, Set<Integer> rare, List<Long> seeds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seeds", seeds);
        doc.put("rare_classes", rare);
        doc.put("difference_method", "paired by seed, method - baseline, 95 % percentile"
                + " bootstrap over seed pairs (10,000 resamples);"
                + " within_noise: interval contains 0");
        SegmentationEvaluation first = evals.get("baseline").get(0);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (Map.Entry<String, List<SegmentationEvaluation>> e : evals.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("miou", SeedComparison.summary(values(e.getValue(),
                    SegmentationEvaluation::meanIou)));
            m.put("rare_miou", SeedComparison.summary(values(e.getValue(),
                    x -> Comparison.rareMeanIou(x, rare))));
            if (hasInstances(evals)) {
                m.put("iiou", SeedComparison.summary(values(e.getValue(),
                        SegmentationEvaluation::meanInstanceIou)));
                m.put("iiou_difference_to_baseline", Comparison.difference(
                        values(e.getValue(), SegmentationEvaluation::meanInstanceIou),
                        values(evals.get("baseline"), SegmentationEvaluation::meanInstanceIou)));
            }
            List<Map<String, Object>> classes = new ArrayList<>();
            for (int c = 0; c < first.numClasses(); c++) {
                final int cls = c;
                ToDoubleFunction<SegmentationEvaluation> iou = x -> x.classes().get(cls).iou();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", c);
                row.put("name", first.classNames().get(c));
                row.put("iou", SeedComparison.summary(values(e.getValue(), iou)));
                row.put("difference_to_baseline", Comparison.difference(values(e.getValue(), iou),
                        values(evals.get("baseline"), iou)));
                classes.add(row);
            }
            m.put("classes", classes);
            methods.put(e.getKey(), m);
        }
        doc.put("methods", methods);
        return doc;
    }
}
