package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dropclass.data.ClassCatalog;
import io.dropclass.nn.TensorFormat;

/**
 * The targets of a pixel cross-entropy: per pixel the class to pick and the weight of that pixel in
 * the weighted mean. Ignored pixels (label 255, or a class the caller ignores) get weight 0 and a
 * placeholder class 0, so they leave both the numerator and the denominator, exactly as PyTorch's
 * {@code cross_entropy(weight=w, ignore_index=255)}.
 *
 * <p>Built on the host from byte labels, where the labels already are; the arrays belong to the
 * given manager.
 *
 * @param classes (B, H, W) int64 class index per pixel (0 where ignored)
 * @param weights (B, H, W) class weight of the pixel's class in the logits' element type, 0 where
 *     ignored
 * @param format the element type and layout of the logits the targets meet: the losses upsample
 *     the logits to (H, W) in that layout
 */
public record PixelTargets(NDArray classes, NDArray weights, TensorFormat format) {

    /**
     * A batch of label maps, (B, H, W) as unsigned bytes.
     *
     * @param labels B label maps of {@code height * width} unsigned bytes
     * @param height label rows H
     * @param width label columns W
     */
    public record Labels(byte[][] labels, int height, int width) {}

    /**
     * Builds float32 targets from label maps.
     *
     * @param manager owner of the created arrays
     * @param labels B label maps of {@code height * width} unsigned bytes
     * @param height label rows
     * @param width label columns
     * @param classWeights one weight per class
     * @param alsoIgnore a class treated like the ignore label, or -1 for none
     * @return the targets
     */
    public static PixelTargets of(
            NDManager manager,
            byte[][] labels,
            int height,
            int width,
            double[] classWeights,
            int alsoIgnore) {
        return of(manager, new Labels(labels, height, width), classWeights, alsoIgnore,
                TensorFormat.FLOAT32);
    }

    /**
     * Builds targets from label maps for logits of a given format (their element type is the
     * weights', their layout the one the losses upsample them in).
     *
     * @param manager owner of the created arrays
     * @param maps the B label maps
     * @param classWeights one weight per class
     * @param alsoIgnore a class treated like the ignore label, or -1 for none
     * @param format the logits' element type and layout
     * @return the targets
     */
    public static PixelTargets of(
            NDManager manager,
            Labels maps,
            double[] classWeights,
            int alsoIgnore,
            TensorFormat format) {
        byte[][] labels = maps.labels();
        int height = maps.height();
        int width = maps.width();
        int plane = height * width;
        long[] cls = new long[labels.length * plane];
        double[] w = new double[labels.length * plane];
        for (int b = 0; b < labels.length; b++) {
            byte[] label = labels[b];
            if (label.length != plane) {
                throw new IllegalArgumentException(
                        "label " + b + " has " + label.length + " pixels, expected " + plane);
            }
            for (int i = 0; i < plane; i++) {
                int y = Byte.toUnsignedInt(label[i]);
                if (y == ClassCatalog.IGNORE_INDEX || y == alsoIgnore) {
                    continue;
                }
                if (y >= classWeights.length) {
                    throw new IllegalArgumentException(
                            "label value " + y + " outside 0.." + (classWeights.length - 1));
                }
                cls[b * plane + i] = y;
                w[b * plane + i] = classWeights[y];
            }
        }
        Shape shape = new Shape(labels.length, height, width);
        if (format.dataType() == DataType.FLOAT64) {
            return new PixelTargets(manager.create(cls, shape), manager.create(w, shape), format);
        }
        float[] single = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            single[i] = (float) w[i];
        }
        return new PixelTargets(manager.create(cls, shape), manager.create(single, shape), format);
    }
}
