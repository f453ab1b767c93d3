package io.dropclass.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.RgbImage;
import io.dropclass.evaluation.ConfusionMatrix;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.nn.GradMode;
import io.dropclass.scale.Devices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint's network loaded once on a worker, with its predictor and evaluation mode: the
 * resource that every range of an evaluation or a prediction job on that worker shares. Forward
 * passes take turns (one at a time per network; the engine's threads work inside each), while
 * reading, decoding and counting run in parallel around them.
 */
final class LoadedModel implements AutoCloseable {

    private final NDManager manager;
    private final SegmentationPredictor predictor;
    private final EvaluationMode mode;
    private final ClassCatalog classes;

    private LoadedModel(NDManager manager, SegmentationPredictor predictor, EvaluationMode mode,
            ClassCatalog classes) {
        this.manager = manager;
        this.predictor = predictor;
        this.mode = mode;
        this.classes = classes;
    }

    /**
     * Loads a checkpoint's network on a device.
     *
     * @param configJson the configuration the checkpoint was trained with
     * @param checkpoint the weights
     * @param device {@code gpu:N}, or empty for the engine's default device
     * @return the loaded network
     * @throws IOException if the checkpoint cannot be read or does not fit the configuration
     */
    static LoadedModel load(String configJson, String checkpoint, Optional<String> device)
            throws IOException {
        ExperimentConfig config = ConfigFiles.fromJson(configJson);
        ClassCatalog classes = Datasets.catalog(config);
        GradMode.offInThisThread(); // a worker's thread: weights are loaded in place
        Optional<Integer> gpu = Devices.gpuIndex(device);
        NDManager manager = gpu.isPresent() ? NDManager.newBaseManager(Device.gpu(gpu.get()))
                : NDManager.newBaseManager();
        try {
            SegmentationPredictor predictor = new SegmentationPredictor(
                    Inference.load(config, Path.of(checkpoint), classes, manager),
                    ImageNormalization.IMAGENET);
            return new LoadedModel(manager, predictor,
                    Augmentations.evaluation(config.evaluation()), classes);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The class catalog of the network's dataset. */
    ClassCatalog classes() {
        return classes;
    }

    /**
     * Predicts one chunk of an evaluation and counts it (see
     * {@link SegmentationEvaluator#accumulate}).
     *
     * @param chunk the samples of one batch-aligned chunk
     * @param matrix the counts to add to
     */
    synchronized void evaluate(List<SegmentationSample> chunk, ConfusionMatrix matrix) {
        GradMode.offInThisThread();
        try (NDManager scope = manager.newSubManager()) {
            SegmentationEvaluator.accumulate(predictor, chunk, mode, scope, matrix);
        }
    }

    /**
     * Predicts one image.
     *
     * @param image the image
     * @return its label map
     */
    synchronized byte[] predict(RgbImage image) {
        GradMode.offInThisThread();
        try (NDManager scope = manager.newSubManager()) {
            return predictor.predict(scope, image.planar(), image.height(), image.width(), mode);
        }
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
