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
 *
 * <p>The images go through in chunks of {@code batchSize} consecutive indices starting at 0 (the
 * last may be shorter); a chunk's images of one size form one forward pass. So which images share
 * a forward depends only on the index and the batch size, and a split of the dataset at multiples
 * of the batch size, evaluated chunk by chunk anywhere ({@link #accumulate}), gives the counts of
 * one whole pass.
 */
public final class SegmentationEvaluator {

    private SegmentationEvaluator() {}

    /**
     * Evaluates every sample of a dataset, whole images in batches.
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
        return evaluate(predictor, dataset, batchSize, manager, EvaluationMode.whole());
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
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        ConfusionMatrix matrix = new ConfusionMatrix(dataset.classes().size());
        for (int start = 0; start < dataset.size(); start += batchSize) {
            accumulate(predictor, chunk(dataset, start, Math.min(dataset.size(),
                    start + batchSize)), mode, manager, matrix, shifted(listener, start));
        }
        return SegmentationEvaluation.of(matrix, dataset.classes());
    }

    /**
     * The samples of one chunk of indices, read in order.
     *
     * @param dataset the labelled images
     * @param from the first index, a multiple of the batch size
     * @param to one past the last index, at most {@code from + batchSize}
     * @return the samples
     */
    public static List<SegmentationSample> chunk(SegmentationDataset dataset, int from, int to) {
        List<SegmentationSample> samples = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            samples.add(dataset.get(i));
        }
        return samples;
    }

    /**
     * Predicts one chunk and adds it to a confusion matrix: in the plain whole-image mode each run
     * of consecutive images of one size is one forward pass, in the other modes each image is
     * predicted on its own.
     *
     * @param predictor the network in inference mode
     * @param chunk the samples of indices {@code [k·batchSize, (k+1)·batchSize)}
     * @param mode how to predict
     * @param manager parent of the temporary arrays
     * @param matrix the counts to add to
     */
    public static void accumulate(
            SegmentationPredictor predictor,
            List<SegmentationSample> chunk,
            EvaluationMode mode,
            NDManager manager,
            ConfusionMatrix matrix) {
        accumulate(predictor, chunk, mode, manager, matrix, PredictionListener.NONE);
    }

    /**
     * {@link #accumulate(SegmentationPredictor, List, EvaluationMode, NDManager,
     * ConfusionMatrix)}, handing each prediction to a listener too, with its index in the chunk.
     *
     * @param predictor the network in inference mode
     * @param chunk the samples of indices {@code [k·batchSize, (k+1)·batchSize)}
     * @param mode how to predict
     * @param manager parent of the temporary arrays
     * @param matrix the counts to add to
     * @param listener receives every prediction, in order
     */
    public static void accumulate(
            SegmentationPredictor predictor,
            List<SegmentationSample> chunk,
            EvaluationMode mode,
            NDManager manager,
            ConfusionMatrix matrix,
            PredictionListener listener) {
        if (!mode.isPlainWhole()) {
            for (int i = 0; i < chunk.size(); i++) {
                SegmentationSample sample = chunk.get(i);
                byte[] prediction = predictor.predict(
                        manager, sample.image(), sample.height(), sample.width(), mode);
                matrix.add(sample.label(), prediction);
                listener.accept(i, prediction, sample.height(), sample.width());
            }
            return;
        }
        List<SegmentationSample> pending = new ArrayList<>();
        int first = 0; // the chunk index of pending.get(0)
        for (int i = 0; i < chunk.size(); i++) {
            SegmentationSample sample = chunk.get(i);
            if (!pending.isEmpty() && !sameSize(pending.get(0), sample)) {
                flush(predictor, pending, manager, matrix, shifted(listener, first));
                first = i;
            }
            pending.add(sample);
        }
        if (!pending.isEmpty()) {
            flush(predictor, pending, manager, matrix, shifted(listener, first));
        }
    }

    /** The listener of a part that starts at {@code offset}: indices shifted to the whole's. */
    private static PredictionListener shifted(PredictionListener listener, int offset) {
        return offset == 0 ? listener : (index, prediction, height, width) ->
                listener.accept(offset + index, prediction, height, width);
    }

    private static boolean sameSize(SegmentationSample a, SegmentationSample b) {
        return a.height() == b.height() && a.width() == b.width();
    }

    private static void flush(
            SegmentationPredictor predictor,
            List<SegmentationSample> samples,
            NDManager manager,
            ConfusionMatrix matrix,
            PredictionListener listener) {
        SegmentationSample first = samples.get(0);
        byte[][] predictions = predictor.predict(manager,
                samples.stream().map(SegmentationSample::image).toList(),
                first.height(), first.width());
        for (int b = 0; b < samples.size(); b++) {
            matrix.add(samples.get(b).label(), predictions[b]);
            listener.accept(b, predictions[b], first.height(), first.width());
        }
        samples.clear();
    }
}
