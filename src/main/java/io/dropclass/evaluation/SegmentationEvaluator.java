package io.dropclass.evaluation;

import ai.djl.ndarray.NDManager;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.SegmentationPredictor;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a network on a whole dataset, whole images: predictions are accumulated into one
 * dataset-level confusion matrix (not a mean of per-image scores), then turned into metrics.
 */
public final class SegmentationEvaluator {

    private SegmentationEvaluator() {}

    /**
     * Evaluates every sample of a dataset.
     *
     * @param predictor the network in inference mode
     * @param dataset the labelled images
     * @param batchSize images per forward pass (consecutive images of one size are batched)
     * @param manager parent of the temporary arrays
     * @return the evaluation
     */
    public static SegmentationEvaluation evaluate(
            SegmentationPredictor predictor,
            SegmentationDataset dataset,
            int batchSize,
            NDManager manager) {
        return evaluateWhole(predictor, dataset, batchSize, manager, PredictionListener.NONE);
    }

    private static SegmentationEvaluation evaluateWhole(
            SegmentationPredictor predictor,
            SegmentationDataset dataset,
            int batchSize,
            NDManager manager,
            PredictionListener listener) {
        ConfusionMatrix matrix = new ConfusionMatrix(dataset.classes().size());
        List<SegmentationSample> pending = new ArrayList<>();
        int first = 0; // the index of pending.get(0)
        for (int i = 0; i < dataset.size(); i++) {
            SegmentationSample sample = dataset.get(i);
            if (!pending.isEmpty() && !sameSize(pending.get(0), sample)) {
                flush(predictor, pending, first, matrix, manager, listener);
                first = i;
            }
            pending.add(sample);
            if (pending.size() == batchSize) {
                flush(predictor, pending, first, matrix, manager, listener);
                first = i + 1;
            }
        }
        if (!pending.isEmpty()) {
            flush(predictor, pending, first, matrix, manager, listener);
        }
        return SegmentationEvaluation.of(matrix, dataset.classes());
    }

    /**
     * Evaluates every sample of a dataset in an evaluation mode. The plain whole-image mode batches
     * as {@link #evaluate(SegmentationPredictor, SegmentationDataset, int, NDManager)}; sliding
     * window, multi-scale and flip modes predict one image at a time.
     *
     * @param predictor the network in inference mode
     * @param dataset the labelled images
     * @param batchSize images per forward pass in the plain whole-image mode
     * @param manager parent of the temporary arrays
     * @param mode how to predict each image
     * @return the evaluation
     */
    public static SegmentationEvaluation evaluate(
            SegmentationPredictor predictor,
            SegmentationDataset dataset,
            int batchSize,
            NDManager manager,
            EvaluationMode mode) {
        return evaluate(predictor, dataset, batchSize, manager, mode, PredictionListener.NONE);
    }

    /**
     * Evaluates every sample of a dataset in an evaluation mode, handing each prediction to a
     * listener as well (in sample order, after it was counted).
     *
     * @param predictor the network in inference mode
     * @param dataset the labelled images
     * @param batchSize images per forward pass in the plain whole-image mode
     * @param manager parent of the temporary arrays
     * @param mode how to predict each image
     * @param listener receives every prediction
     * @return the evaluation
     */
    public static SegmentationEvaluation evaluate(
            SegmentationPredictor predictor,
            SegmentationDataset dataset,
            int batchSize,
            NDManager manager,
            EvaluationMode mode,
            PredictionListener listener) {
        if (mode.isPlainWhole()) {
            return evaluateWhole(predictor, dataset, batchSize, manager, listener);
        }
        ConfusionMatrix matrix = new ConfusionMatrix(dataset.classes().size());
        for (int i = 0; i < dataset.size(); i++) {
            SegmentationSample sample = dataset.get(i);
            byte[] prediction = predictor.predict(
                    manager, sample.image(), sample.height(), sample.width(), mode);
            matrix.add(sample.label(), prediction);
            listener.accept(i, prediction, sample.height(), sample.width());
        }
        return SegmentationEvaluation.of(matrix, dataset.classes());
    }

    private static boolean sameSize(SegmentationSample a, SegmentationSample b) {
        return a.height() == b.height() && a.width() == b.width();
    }

    private static void flush(
            SegmentationPredictor predictor,
            List<SegmentationSample> samples,
            int firstIndex,
            ConfusionMatrix matrix,
            NDManager manager,
            PredictionListener listener) {
        SegmentationSample first = samples.get(0);
        byte[][] predictions = predictor.predict(manager,
                samples.stream().map(SegmentationSample::image).toList(),
                first.height(), first.width());
        for (int b = 0; b < samples.size(); b++) {
            matrix.add(samples.get(b).label(), predictions[b]);
            listener.accept(firstIndex + b, predictions[b], first.height(), first.width());
        }
        samples.clear();
    }
}
