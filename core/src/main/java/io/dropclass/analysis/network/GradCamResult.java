package io.dropclass.analysis.network;

/**
 * One Grad-CAM map.
 *
 * @param classId the target class c
 * @param target how the target pixels were chosen
 * @param height image rows H
 * @param width image columns W
 * @param heatMap {@code H * W} floats in [0, 1], row-major: ReLU(Σ_k w_k A_k) upsampled and
 *     divided by its maximum; all zero when {@code empty} or when the map is nowhere positive
 * @param targetPixels pixels (at image resolution) in the target mask
 * @param score the target score: c's upsampled logits summed over the target mask (0 when empty)
 * @param channelWeights w_k, the spatial mean of ∂score/∂A_k, C floats (all zero when empty)
 * @param camMax the maximum of the map before normalisation (0 when nowhere positive)
 * @param empty true when the target mask has no pixels (no gradient was computed)
 */
public record GradCamResult(
        int classId,
        CamTarget target,
        int height,
        int width,
        float[] heatMap,
        long targetPixels,
        double score,
        float[] channelWeights,
        double camMax,
        boolean empty) {}
