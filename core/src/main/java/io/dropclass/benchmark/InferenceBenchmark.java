package io.dropclass.benchmark;

import ai.djl.ndarray.NDManager;
import io.dropclass.inference.SegmentationPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the predictor on batches of one size: normalisation, inference-mode forward, logits
 * upsampled to the full resolution, argmax (what {@link SegmentationPredictor#predict(NDManager,
 * List, int, int)} does). One untimed run first; the images are random (the content does not change
 * the cost).
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {}

    /**
     * Measures one size.
     *
     * @param predictor the predictor
     * @param manager parent of the temporary arrays
     * @param size the image size
     * @param batch images per forward
     * @param runs timed runs
     * @return the median time and throughput
     */
    public static InferenceResult measure(
            SegmentationPredictor predictor,
            NDManager manager,
            Resolution size,
            int batch,
            int runs) {
        if (batch <= 0 || runs <= 0) {
            throw new IllegalArgumentException(
                    "batch and runs must be positive, got " + batch + ", " + runs);
        }
        SplittableRandom random = new SplittableRandom(size.height() * 31L + size.width());
        List<float[]> images = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] image = new float[3 * size.height() * size.width()]; // (3, H, W) in [0, 1]
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) random.nextDouble();
            }
            images.add(image);
        }
        double[] ms = new double[runs];
        for (int i = -1; i < runs; i++) {
            long t0 = System.nanoTime();
            predictor.predict(manager, images, size.height(), size.width());
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double median = Statistics.median(ms);
        return new InferenceResult(size.height(), size.width(), batch, median,
                batch / (median / 1000));
    }

    /**
     * Inference at one size.
     *
     * @param height H
     * @param width W
     * @param batch images per forward
     * @param msMedian median ms of one batch
     * @param imagesPerSecond batch / median time
     */
    public record InferenceResult(
            int height, int width, int batch, double msMedian, double imagesPerSecond) {}
}
