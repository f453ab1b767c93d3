package io.dropclass.evaluation;

/**
 * How a mean over classes treats a class whose metric is undefined: for IoU a class absent from
 * both the labels and the predictions (union 0), for class accuracy a class without labelled
 * pixels.
 *
 * <p>The choice changes mIoU noticeably on small validation sets (toolkit-survey.md §6), so every
 * report names it.
 */
public enum AbsentClassPolicy {

    /**
     * Undefined classes are left out of the mean (mmsegmentation's {@code nanmean}). The mean of no
     * classes at all is {@code NaN}.
     */
    PRESENT,

    /**
     * Undefined classes count as 0 and the mean runs over all classes: the official HRNet and
     * DropClass evaluation, {@code tp / max(1, union)} (docs/method.md §9.4).
     */
    ZERO
}
