package io.dropclass.evaluation;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Segmentation metrics as static functions of a {@link ConfusionMatrix} (toolkit-survey.md §6).
 *
 * <p>With TP, FP and FN of class c read from the matrix:
 *
 * <ul>
 *   <li>IoU_c = TP / (TP + FP + FN), {@code NaN} when the union is 0 (c is neither labelled nor
 *       predicted);
 *   <li>Acc_c = TP / (TP + FN) (recall), {@code NaN} when c has no labelled pixels;
 *   <li>pixel accuracy = Σ TP / Σ labelled;
 *   <li>frequency-weighted IoU = Σ_c f_c · IoU_c with f_c = labelled_c / Σ labelled.
 * </ul>
 *
 * <p>Means over classes take an explicit {@link AbsentClassPolicy}. No metric is ever silently 0:
 * an undefined value is {@code NaN}.
 */
public final class SegmentationMetrics {

    private SegmentationMetrics() {}

    /**
     * Per-class intersection over union.
     *
     * @param matrix the counts
     * @return K values in [0, 1]; {@code NaN} for a class absent from labels and predictions
     */
    public static double[] iou(ConfusionMatrix matrix) {
        int k = matrix.numClasses();
        double[] iou = new double[k];
        for (int c = 0; c < k; c++) {
            long tp = matrix.count(c, c);
            long union = matrix.labelled(c) + matrix.predicted(c) - tp;
            iou[c] = union == 0 ? Double.NaN : (double) tp / union;
        }
        return iou;
    }

    /**
     * Per-class accuracy (recall): the share of a class's labelled pixels predicted as that class.
     *
     * @param matrix the counts
     * @return K values in [0, 1]; {@code NaN} for a class without labelled pixels
     */
    public static double[] classAccuracy(ConfusionMatrix matrix) {
        int k = matrix.numClasses();
        double[] accuracy = new double[k];
        for (int c = 0; c < k; c++) {
            long labelled = matrix.labelled(c);
            accuracy[c] = labelled == 0 ? Double.NaN : (double) matrix.count(c, c) / labelled;
        }
        return accuracy;
    }

    /**
     * Mean IoU over all classes.
     *
     * @param matrix the counts
     * @param policy how classes with an undefined IoU count
     * @return the mean in [0, 1]; {@code NaN} under {@link AbsentClassPolicy#PRESENT} when no class
     *     is defined
     */
    public static double meanIou(ConfusionMatrix matrix, AbsentClassPolicy policy) {
        return mean(iou(matrix), policy);
    }

    /**
     * Mean IoU over a subset of classes, e.g. the rare classes ("rare-class mIoU").
     *
     * @param matrix the counts
     * @param classIds the classes to average, each in 0..K-1
     * @param policy how classes with an undefined IoU count
     * @return the mean; {@code NaN} for an empty subset, or under {@link AbsentClassPolicy#PRESENT}
     *     when no class of the subset is defined
     */
    public static double meanIou(
            ConfusionMatrix matrix, Collection<Integer> classIds, AbsentClassPolicy policy) {
        return meanOver(iou(matrix), classIds, policy);
    }

    /**
     * Mean class accuracy.
     *
     * @param matrix the counts
     * @param policy {@link AbsentClassPolicy#PRESENT}: over classes with labelled pixels (mmseg's
     *     mAcc); {@link AbsentClassPolicy#ZERO}: over all classes, unlabelled ones counting as 0
     *     (HRNet's {@code tp / max(1, pos)})
     * @return the mean in [0, 1], or {@code NaN} as for {@link #mean}
     */
    public static double meanClassAccuracy(ConfusionMatrix matrix, AbsentClassPolicy policy) {
        return mean(classAccuracy(matrix), policy);
    }

    /**
     * The share of labelled pixels predicted correctly.
     *
     * @param matrix the counts
     * @return Σ TP / Σ labelled, {@code NaN} when nothing is labelled
     */
    public static double pixelAccuracy(ConfusionMatrix matrix) {
        long total = matrix.total();
        if (total == 0) {
            return Double.NaN;
        }
        long correct = 0;
        for (int c = 0; c < matrix.numClasses(); c++) {
            correct += matrix.count(c, c);
        }
        return (double) correct / total;
    }

    /**
     * Frequency-weighted IoU: per-class IoU weighted by the class's share of labelled pixels.
     * Classes without labelled pixels have weight 0, so an undefined IoU never enters the sum.
     *
     * @param matrix the counts
     * @return Σ_c f_c · IoU_c in [0, 1], {@code NaN} when nothing is labelled
     */
    public static double frequencyWeightedIou(ConfusionMatrix matrix) {
        long total = matrix.total();
        if (total == 0) {
            return Double.NaN;
        }
        double[] iou = iou(matrix);
        double sum = 0;
        for (int c = 0; c < iou.length; c++) {
            long labelled = matrix.labelled(c);
            if (labelled > 0) {
                sum += (double) labelled / total * iou[c];
            }
        }
        return sum;
    }

    /**
     * The mean of per-class values under a policy for the undefined ({@code NaN}) ones.
     *
     * @param perClass one value per class, {@code NaN} where undefined
     * @param policy {@link AbsentClassPolicy#PRESENT} skips {@code NaN}s; {@link
     *     AbsentClassPolicy#ZERO} counts them as 0
     * @return the mean; {@code NaN} if there are no values, or no defined value under {@code
     *     PRESENT}
     */
    public static double mean(double[] perClass, AbsentClassPolicy policy) {
        double sum = 0;
        int n = 0;
        for (double v : perClass) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            } else if (policy == AbsentClassPolicy.ZERO) {
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The mean of per-class values over a subset of classes.
     *
     * @param perClass one value per class, {@code NaN} where undefined
     * @param classIds the classes to average, each a valid index into {@code perClass}; a class
     *     listed twice counts once
     * @param policy how {@code NaN}s count
     * @return the mean, {@code NaN} as for {@link #mean}
     */
    public static double meanOver(
            double[] perClass, Collection<Integer> classIds, AbsentClassPolicy policy) {
        Set<Integer> distinct = new TreeSet<>(classIds);
        double[] subset = new double[distinct.size()];
        int i = 0;
        for (int c : distinct) {
            if (c < 0 || c >= perClass.length) {
                throw new IllegalArgumentException(
                        "class id must be in [0, " + perClass.length + "), got " + c);
            }
            subset[i++] = perClass[c];
        }
        return mean(subset, policy);
    }
}
