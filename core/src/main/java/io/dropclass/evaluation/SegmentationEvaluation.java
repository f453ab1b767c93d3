package io.dropclass.evaluation;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.evaluation.cityscapes.CityscapesCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The result of evaluating a segmentation model on a set: the dataset-level confusion counts, with
 * every metric derived from them, so that the numbers can never disagree with the counts.
 *
 * <p>{@link #meanIou()} skips absent classes ({@link AbsentClassPolicy#PRESENT}, mmseg); {@link
 * #meanIouAbsentAsZero()} counts them as 0 ({@link AbsentClassPolicy#ZERO}, the official HRNet and
 * DropClass evaluation). Both are reported because they differ on small sets. Undefined values are
 * {@code NaN}.
 *
 * <p>On a Cityscapes split whose frames have the official ground truth, the evaluation also holds
 * the counts of the official pixel-level evaluation ({@link #cityscapes()}), from which the
 * official class and category IoU and the instance-level iIoU derive.
 *
 * <p>Its components hold only counts and names, so a plain Jackson mapper also round-trips it
 * (without the derived metrics); {@link EvaluationJson} writes the full {@code metrics.json}.
 *
 * @param labelSet the name of the label set (the catalog's name)
 * @param classNames the K class names in train-id order
 * @param confusion K×K pixel counts, rows = ground truth, columns = prediction (copied in and out)
 * @param cityscapes the official Cityscapes counts, or null where the dataset has none
 */
public record SegmentationEvaluation(
        String labelSet, List<String> classNames, long[][] confusion, CityscapesCounts cityscapes) {

    /** Validates and copies the fields. */
    public SegmentationEvaluation {
        if (labelSet == null || labelSet.isBlank()) {
            throw new IllegalArgumentException(
                    "labelSet must not be blank, got '" + labelSet + "'");
        }
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must not be empty");
        }
        if (confusion.length != classNames.size()) {
            throw new IllegalArgumentException("confusion must have " + classNames.size()
                    + " rows (one per class), got " + confusion.length);
        }
        // ConfusionMatrix.of checks squareness and signs and copies.
        confusion = ConfusionMatrix.of(confusion).counts();
    }

    /**
     * An evaluation without official Cityscapes counts.
     *
     * @param labelSet the name of the label set
     * @param classNames the K class names in train-id order
     * @param confusion K×K pixel counts (copied)
     */
    public SegmentationEvaluation(String labelSet, List<String> classNames, long[][] confusion) {
        this(labelSet, classNames, confusion, null);
    }

    /**
     * This evaluation with the official Cityscapes counts of the same predictions.
     *
     * @param counts the counts, or null for none
     * @return a new evaluation
     */
    public SegmentationEvaluation withCityscapes(CityscapesCounts counts) {
        return new SegmentationEvaluation(labelSet, classNames, confusion, counts);
    }

    /**
     * The official Cityscapes mean iIoU over the 8 classes with instances (NaN ones skipped).
     *
     * @return the mean, NaN when there are no official counts or no class has a defined iIoU
     */
    public double meanInstanceIou() {
        return cityscapes == null ? Double.NaN : cityscapes.scores().averageScoreInstClasses();
    }

    /**
     * The evaluation of accumulated counts.
     *
     * @param matrix counts over the whole set (copied)
     * @param catalog the label set; its size must be the matrix's K
     * @return the evaluation
     */
    public static SegmentationEvaluation of(ConfusionMatrix matrix, ClassCatalog catalog) {
        if (matrix.numClasses() != catalog.size()) {
            throw new IllegalArgumentException(
                    "matrix has "
                            + matrix.numClasses()
                            + " classes, catalog "
                            + catalog.name()
                            + " has "
                            + catalog.size());
        }
        List<String> names = catalog.classes().stream().map(ClassInfo::name).toList();
        return new SegmentationEvaluation(catalog.name(), names, matrix.counts());
    }

    /** The counts, copied. */
    @Override
    public long[][] confusion() {
        return matrix().counts();
    }

    /** The counts as a fresh {@link ConfusionMatrix}. */
    public ConfusionMatrix matrix() {
        return ConfusionMatrix.of(confusion);
    }

    /** The number of classes K. */
    public int numClasses() {
        return classNames.size();
    }

    /** The per-class scores in train-id order. */
    public List<ClassScore> classes() {
        ConfusionMatrix m = matrix();
        double[] iou = SegmentationMetrics.iou(m);
        double[] accuracy = SegmentationMetrics.classAccuracy(m);
        List<ClassScore> scores = new ArrayList<>(iou.length);
        for (int c = 0; c < iou.length; c++) {
            scores.add(
                    new ClassScore(
                            c,
                            classNames.get(c),
                            iou[c],
                            accuracy[c],
                            m.labelled(c),
                            m.predicted(c)));
        }
        return List.copyOf(scores);
    }

    /** Mean IoU over the classes present in labels or predictions (policy PRESENT). */
    public double meanIou() {
        return SegmentationMetrics.meanIou(matrix(), AbsentClassPolicy.PRESENT);
    }

    /** Mean IoU over all classes, absent ones counting as 0 (policy ZERO, official evaluation). */
    public double meanIouAbsentAsZero() {
        return SegmentationMetrics.meanIou(matrix(), AbsentClassPolicy.ZERO);
    }

    /**
     * Mean IoU over a subset of classes, e.g. the rare ones.
     *
     * @param classIds train ids in 0..K-1
     * @param policy how absent classes count
     * @return the mean, {@code NaN} when undefined (see {@link SegmentationMetrics#meanOver})
     */
    public double meanIou(Collection<Integer> classIds, AbsentClassPolicy policy) {
        return SegmentationMetrics.meanIou(matrix(), classIds, policy);
    }

    /** The share of labelled pixels predicted correctly, {@code NaN} when nothing is labelled. */
    public double pixelAccuracy() {
        return SegmentationMetrics.pixelAccuracy(matrix());
    }

    /** Mean accuracy over the classes with labelled pixels (policy PRESENT, mmseg's mAcc). */
    public double meanClassAccuracy() {
        return SegmentationMetrics.meanClassAccuracy(matrix(), AbsentClassPolicy.PRESENT);
    }

    /** Frequency-weighted IoU, {@code NaN} when nothing is labelled. */
    public double frequencyWeightedIou() {
        return SegmentationMetrics.frequencyWeightedIou(matrix());
    }

    /** The train ids of the classes absent from both labels and predictions (IoU undefined). */
    public List<Integer> absentClasses() {
        return classes().stream().filter(ClassScore::absent).map(ClassScore::id).toList();
    }

    /** All labelled (non-ignored) pixels counted. */
    public long labelledPixels() {
        return matrix().total();
    }

    /** Compares the counts by value, not by array identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentationEvaluation other
                && labelSet.equals(other.labelSet)
                && classNames.equals(other.classNames)
                && Arrays.deepEquals(confusion, other.confusion)
                && java.util.Objects.equals(cityscapes, other.cityscapes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * labelSet.hashCode() + classNames.hashCode())
                + Arrays.deepHashCode(confusion)) + java.util.Objects.hashCode(cityscapes);
    }

    @Override
    public String toString() {
        return "SegmentationEvaluation[labelSet="
                + labelSet
                + ", classes="
                + numClasses()
                + ", labelledPixels="
                + labelledPixels()
                + ", meanIou="
                + meanIou()
                + ", meanIouAbsentAsZero="
                + meanIouAbsentAsZero()
                + (cityscapes == null ? "" : ", meanInstanceIou=" + meanInstanceIou())
                + "]";
    }
}
