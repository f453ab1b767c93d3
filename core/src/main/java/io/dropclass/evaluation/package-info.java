/**
 * Segmentation metrics computed from a dataset-level confusion matrix: per-class IoU and accuracy,
 * mIoU under an explicit absent-class policy, pixel accuracy, and their JSON and text renderings.
 *
 * <p>Evaluation accumulates, then computes: {@link io.dropclass.evaluation.ConfusionMatrix} counts
 * (ground truth, prediction) pairs over all non-ignored pixels of a set, {@link
 * io.dropclass.evaluation.SegmentationMetrics} turns the counts into numbers, and {@link
 * io.dropclass.evaluation.SegmentationEvaluation} is the immutable result. Everything here is pure
 * Java: no tensors. Ill-defined metrics are {@code NaN}, never silently 0.
 */
package io.dropclass.evaluation;
