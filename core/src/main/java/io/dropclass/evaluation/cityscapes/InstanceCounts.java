package io.dropclass.evaluation.cityscapes;

/**
 * Instance-level counts of one class or category, summed over the ground-truth instances: pixels of
 * the instances predicted as the class (category), the rest, and both weighted per instance by the
 * class's average instance size over the instance's size.
 *
 * @param tp instance pixels predicted as the class (for a category: as any of its labels)
 * @param fn instance pixels predicted otherwise
 * @param tpWeighted the weighted sum of tp
 * @param fnWeighted the weighted sum of fn
 */
public record InstanceCounts(long tp, long fn, double tpWeighted, double fnWeighted) {

    /** Nothing counted. */
    public static final InstanceCounts ZERO = new InstanceCounts(0, 0, 0, 0);

    /** Validates the counts. */
    public InstanceCounts {
        if (tp < 0 || fn < 0 || !(tpWeighted >= 0) || !(fnWeighted >= 0)
                || Double.isInfinite(tpWeighted) || Double.isInfinite(fnWeighted)) {
            throw new IllegalArgumentException("instance counts must be finite and non-negative,"
                    + " got tp " + tp + ", fn " + fn + ", weighted " + tpWeighted + ", "
                    + fnWeighted);
        }
    }

    /**
     * These counts plus one instance's, the weighted ones added as the official script adds them.
     *
     * @param instanceTp the instance's pixels predicted as the class
     * @param instanceFn its other pixels
     * @param weight the class's average instance size over the instance's size
     * @return the sums
     */
    InstanceCounts plus(long instanceTp, long instanceFn, double weight) {
        return new InstanceCounts(tp + instanceTp, fn + instanceFn,
                tpWeighted + instanceTp * weight, fnWeighted + instanceFn * weight);
    }
}
