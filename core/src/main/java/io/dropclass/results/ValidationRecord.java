package io.dropclass.results;

import java.util.List;

/**
 * One validation during training.
 *
 * @param iteration steps done when it ran
 * @param meanIou mIoU over classes present in labels or predictions (absent classes skipped)
 * @param meanIouAbsentAsZero mIoU with absent classes counted as 0 (the official evaluation)
 * @param rareMeanIou mIoU over the rare classes (under 1 % of the training pixels), absent skipped
 * @param pixelAccuracy correctly labelled share of the labelled pixels
 * @param meanClassAccuracy mean per-class recall
 * @param classIou per-class IoU in train-id order (NaN where the class is absent)
 */
public record ValidationRecord(
        int iteration,
        double meanIou,
        double meanIouAbsentAsZero,
        double rareMeanIou,
        double pixelAccuracy,
        double meanClassAccuracy,
        List<Double> classIou) {

    /** Copies the list. */
    public ValidationRecord {
        classIou = List.copyOf(classIou);
    }
}
