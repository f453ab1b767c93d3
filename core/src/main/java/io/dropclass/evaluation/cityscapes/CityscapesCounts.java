package io.dropclass.evaluation.cityscapes;

import io.dropclass.data.cityscapes.CityscapesLabel;
import io.dropclass.data.cityscapes.CityscapesLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the official Cityscapes pixel-level evaluation counts over a set, with its scores derived
 * from the counts: a 34×34 confusion matrix over label ids (rows ground truth, columns prediction,
 * every pixel counted, ignored labels included) and the instance counts of the 8 evaluated classes
 * with instances and of the categories whose labels all have instances (human, vehicle).
 *
 * <p>{@link #scores()} computes exactly what {@code evalPixelLevelSemanticLabeling.py} computes:
 *
 * <ul>
 *   <li>class IoU = TP / (TP + FP + FN) with FN = the row's other pixels (whatever the
 *       prediction, ignored ids included) and FP = the column's pixels in rows of labels that are
 *       neither ignored nor the class; NaN for an ignored label or a zero denominator;
 *   <li>class iIoU = TPw / (TPw + FP + FNw), the instance-weighted TP and FN with the unweighted
 *       FP of the class IoU; NaN for a label without instances;
 *   <li>category IoU over the category's evaluated labels (TP: ground truth and prediction both
 *       in them; FP: predictions in them on evaluated labels of other categories);
 *   <li>category iIoU for human and vehicle, whose label sets include the ignored caravan and
 *       trailer when predictions are matched and false positives counted;
 *   <li>averages over the non-NaN values, in the official order.
 * </ul>
 *
 * @param labelConfusion 34×34 pixel counts over label ids (copied in and out)
 * @param classInstances instance counts of person, rider, car, truck, bus, train, motorcycle and
 *     bicycle, in that order
 * @param categoryInstances instance counts of human and vehicle
 */
public record CityscapesCounts(
        long[][] labelConfusion,
        Map<String, InstanceCounts> classInstances,
        Map<String, InstanceCounts> categoryInstances) {

    /** Validates and copies the fields. */
    public CityscapesCounts {
        int n = CityscapesLabels.LABEL_IDS;
        if (labelConfusion.length != n) {
            throw new IllegalArgumentException(
                    "labelConfusion must have " + n + " rows, got " + labelConfusion.length);
        }
        long[][] copy = new long[n][];
        for (int t = 0; t < n; t++) {
            if (labelConfusion[t].length != n) {
                throw new IllegalArgumentException("labelConfusion row " + t + " must have " + n
                        + " columns, got " + labelConfusion[t].length);
            }
            for (long c : labelConfusion[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("labelConfusion counts must be >= 0");
                }
            }
            copy[t] = labelConfusion[t].clone();
        }
        labelConfusion = copy;
        classInstances = ordered("classInstances", classInstances, instanceClasses());
        categoryInstances = ordered("categoryInstances", categoryInstances,
                instanceCategories());
    }

    private static Map<String, InstanceCounts> ordered(
            String what, Map<String, InstanceCounts> given, List<String> keys) {
        if (!given.keySet().equals(new java.util.HashSet<>(keys))) {
            throw new IllegalArgumentException(what + " must hold exactly " + keys + ", got "
                    + given.keySet());
        }
        Map<String, InstanceCounts> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, Objects.requireNonNull(given.get(k), k)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Empty counts.
     *
     * @return counts of nothing
     */
    public static CityscapesCounts empty() {
        Map<String, InstanceCounts> classes = new LinkedHashMap<>();
        instanceClasses().forEach(c -> classes.put(c, InstanceCounts.ZERO));
        Map<String, InstanceCounts> categories = new LinkedHashMap<>();
        instanceCategories().forEach(c -> categories.put(c, InstanceCounts.ZERO));
        int n = CityscapesLabels.LABEL_IDS;
        return new CityscapesCounts(new long[n][n], classes, categories);
    }

    /**
     * The evaluated classes with instances (hasInstances and not ignoreInEval), in label order.
     *
     * @return person, rider, car, truck, bus, train, motorcycle, bicycle
     */
    public static List<String> instanceClasses() {
        List<String> out = new ArrayList<>();
        for (CityscapesLabel l : CityscapesLabels.all()) {
            if (l.hasInstances() && !l.ignoreInEval()) {
                out.add(l.name());
            }
        }
        return out;
    }

    /**
     * The categories whose labels with an id all have instances, in the official order.
     *
     * @return human, vehicle
     */
    public static List<String> instanceCategories() {
        List<String> out = new ArrayList<>();
        for (String category : CityscapesLabels.categories()) {
            if (!instanceCategoryLabelIds(category).isEmpty()) {
                out.add(category);
            }
        }
        return out;
    }

    /**
     * The label ids of an instance category, as the official script collects them: every label
     * with an id, ignored ones included; empty if one of them has no instances.
     *
     * @param category a category name
     * @return its label ids, or empty for a category that is not an instance category
     */
    public static List<Integer> instanceCategoryLabelIds(String category) {
        List<Integer> ids = new ArrayList<>();
        for (CityscapesLabel l : CityscapesLabels.ofCategory(category)) {
            if (l.id() < 0) {
                continue;
            }
            if (!l.hasInstances()) {
                return List.of();
            }
            ids.add(l.id());
        }
        return ids;
    }

    /** The label confusion, copied. */
    @Override
    public long[][] labelConfusion() {
        long[][] copy = new long[labelConfusion.length][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = labelConfusion[t].clone();
        }
        return copy;
    }

    /** All pixels counted. */
    public long totalPixels() {
        long sum = 0;
        for (long[] row : labelConfusion) {
            for (long c : row) {
                sum += c;
            }
        }
        return sum;
    }

    /**
     * A label's share of the counted ground-truth pixels (the official "prior").
     *
     * @param labelId 0..33
     * @return its row sum over all pixels, NaN when nothing was counted
     */
    public double prior(int labelId) {
        long total = totalPixels();
        return total == 0 ? Double.NaN : (double) rowSum(labelId) / total;
    }

    /**
     * The official scores of these counts.
     *
     * @return class and category IoU and iIoU and their averages
     */
    public CityscapesScores scores() {
        Map<String, Double> classScores = new LinkedHashMap<>();
        Map<String, Double> classInstScores = new LinkedHashMap<>();
        for (int id = 0; id < CityscapesLabels.LABEL_IDS; id++) {
            CityscapesLabel label = CityscapesLabels.byId(id);
            classScores.put(label.name(), classIou(label));
            classInstScores.put(label.name(), classInstanceIou(label));
        }
        Map<String, Double> categoryScores = new LinkedHashMap<>();
        Map<String, Double> categoryInstScores = new LinkedHashMap<>();
        for (String category : CityscapesLabels.categories()) {
            categoryScores.put(category, categoryIou(category));
            categoryInstScores.put(category, categoryInstanceIou(category));
        }
        return new CityscapesScores(classScores, classInstScores, categoryScores,
                categoryInstScores, CityscapesScores.average(classScores),
                CityscapesScores.average(classInstScores),
                CityscapesScores.average(categoryScores),
                CityscapesScores.average(categoryInstScores));
    }

    private double classIou(CityscapesLabel label) {
        if (label.ignoreInEval()) {
            return Double.NaN;
        }
        int id = label.id();
        long tp = labelConfusion[id][id];
        long fn = rowSum(id) - tp;
        long fp = falsePositives(List.of(id), l -> l.id() != id);
        long denominator = tp + fp + fn;
        return denominator == 0 ? Double.NaN : (double) tp / denominator;
    }

    private double classInstanceIou(CityscapesLabel label) {
        if (label.ignoreInEval() || !classInstances.containsKey(label.name())) {
            return Double.NaN;
        }
        InstanceCounts counts = classInstances.get(label.name());
        int id = label.id();
        long fp = falsePositives(List.of(id), l -> l.id() != id);
        double denominator = counts.tpWeighted() + fp + counts.fnWeighted();
        return denominator == 0 ? Double.NaN : counts.tpWeighted() / denominator;
    }

    private double categoryIou(String category) {
        List<Integer> ids = new ArrayList<>();
        for (CityscapesLabel l : CityscapesLabels.ofCategory(category)) {
            if (!l.ignoreInEval() && l.id() >= 0) {
                ids.add(l.id());
            }
        }
        if (ids.isEmpty()) {
            return Double.NaN;
        }
        long tp = 0;
        long rows = 0;
        for (int t : ids) {
            rows += rowSum(t);
            for (int p : ids) {
                tp += labelConfusion[t][p];
            }
        }
        long fn = rows - tp;
        long fp = falsePositives(ids, l -> !l.category().equals(category));
        long denominator = tp + fp + fn;
        return denominator == 0 ? Double.NaN : (double) tp / denominator;
    }

    private double categoryInstanceIou(String category) {
        if (!categoryInstances.containsKey(category)) {
            return Double.NaN;
        }
        InstanceCounts counts = categoryInstances.get(category);
        long fp = falsePositives(instanceCategoryLabelIds(category),
                l -> !l.category().equals(category));
        double denominator = counts.tpWeighted() + fp + counts.fnWeighted();
        return denominator == 0 ? Double.NaN : counts.tpWeighted() / denominator;
    }

    /**
     * Pixels predicted as one of {@code columns} whose ground truth is an evaluated label
     * (not ignored) that {@code rowFilter} accepts.
     */
    private long falsePositives(
            List<Integer> columns, java.util.function.Predicate<CityscapesLabel> rowFilter) {
        long sum = 0;
        for (int t = 0; t < CityscapesLabels.LABEL_IDS; t++) {
            CityscapesLabel row = CityscapesLabels.byId(t);
            if (row.ignoreInEval() || !rowFilter.test(row)) {
                continue;
            }
            for (int p : columns) {
                sum += labelConfusion[t][p];
            }
        }
        return sum;
    }

    private long rowSum(int id) {
        long sum = 0;
        for (long c : labelConfusion[id]) {
            sum += c;
        }
        return sum;
    }

    /** Compares the counts by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CityscapesCounts other
                && Arrays.deepEquals(labelConfusion, other.labelConfusion)
                && classInstances.equals(other.classInstances)
                && categoryInstances.equals(other.categoryInstances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.deepHashCode(labelConfusion), classInstances,
                categoryInstances);
    }

    @Override
    public String toString() {
        return "CityscapesCounts[pixels=" + totalPixels() + ", classInstances=" + classInstances
                + "]";
    }
}
