package io.dropclass.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BilinearResize;
import java.util.List;

/**
 * Predicts label maps: normalise, inference-mode forward (BatchNorm with running statistics),
 * logits upsampled bilinearly (align_corners = false) to the image size, argmax over classes.
 *
 * @param network the trained network
 * @param normalization the input normalisation used in training
 */
public record SegmentationPredictor(SegmentationNetwork network, ImageNormalization normalization) {

    /**
     * Predicts one image in an evaluation mode (whole, sliding window, multi-scale, flip); see
     * {@link ModePredictor}.
     *
     * @param manager parent of the temporary arrays (all closed before returning)
     * @param image planar RGB in [0, 1], {@code 3 * height * width}
     * @param height image rows
     * @param width image columns
     * @param mode how to predict
     * @return {@code height * width} train ids
     */
    public byte[] predict(
            NDManager manager, float[] image, int height, int width, EvaluationMode mode) {
        return new ModePredictor(network, normalization, mode).predict(manager, image, height,
                width);
    }

    /**
     * Predicts a batch of images of one size.
     *
     * @param manager parent of the temporary arrays (all closed before returning)
     * @param images planar RGB images in [0, 1], each {@code 3 * height * width}
     * @param height image rows
     * @param width image columns
     * @return one label map per image, {@code height * width} train ids
     */
    public byte[][] predict(NDManager manager, List<float[]> images, int height, int width) {
        int plane = 3 * height * width;
        float[] input = new float[images.size() * plane];
        for (int b = 0; b < images.size(); b++) {
            if (images.get(b).length != plane) {
                throw new IllegalArgumentException("image " + b + " is not 3x" + height + "x"
                        + width);
            }
            normalization.normalise(images.get(b), input, b * plane);
        }
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            // (B, 3, H, W) in the network's element type and layout
            NDArray x = network.tensorFormat().images(input,
                    new Shape(images.size(), 3, height, width), scope);
            NDArray logits = network.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray full = BilinearResize.resize(logits, height, width, false,
                    network.tensorFormat().channelsLast()); // (B, K, H, W)
            byte[] flat = full.argMax(1).toType(DataType.UINT8, false).toByteArray(); // (B, H, W)
            byte[][] out = new byte[images.size()][height * width];
            for (int b = 0; b < out.length; b++) {
                System.arraycopy(flat, b * height * width, out[b], 0, height * width);
            }
            return out;
        }
    }
}
