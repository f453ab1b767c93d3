package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.DatasetKind;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.validation.CheckedPairDataset;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.evaluation.cityscapes.CityscapesFrames;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.SegmentationPredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Adds the official Cityscapes pixel-level evaluation (class and category IoU and iIoU) to the
 * evaluations of a Cityscapes split whose frames have the official ground truth ({@code
 * *_gtFine_labelIds.png} and {@code *_gtFine_instanceIds.png}); other datasets are evaluated as
 * before.
 */
final class CityscapesOfficial {

    private CityscapesOfficial() {}

    /**
     * The official ground truth of the evaluated split, when there is one.
     *
     * @param config the configuration (data.dataset)
     * @param val the evaluated split
     * @param warnings receives one line (without a "warning:" prefix) when the split is a
     *     Cityscapes split without the official files
     * @return the frames, or empty for another dataset or missing files
     */
    static Optional<CityscapesFrames> frames(
            ExperimentConfig config, SegmentationDataset val, Consumer<String> warnings) {
        if (config.data().dataset() != DatasetKind.CITYSCAPES
                || !(val instanceof CheckedPairDataset pairs)) {
            return Optional.empty();
        }
        List<Path> masks = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            masks.add(pairs.pair(i).mask());
        }
        CityscapesFrames.Availability available = CityscapesFrames.of(masks);
        if (available.frames().isEmpty()) {
            warnings.accept("Cityscapes iIoU and category scores not computed: "
                    + available.reason());
        }
        return available.frames();
    }

    /**
     * Evaluates a split, with the official Cityscapes counts where frames are given.
     *
     * @param predictor the network in inference mode
     * @param val the split
     * @param batchSize images per forward in the plain whole-image mode
     * @param manager parent of the temporary arrays
     * @param mode how to predict each image
     * @param frames the split's official ground truth, or empty
     * @return the evaluation
     */
    static SegmentationEvaluation evaluate(
            SegmentationPredictor predictor,
            SegmentationDataset val,
            int batchSize,
            NDManager manager,
            EvaluationMode mode,
            Optional<CityscapesFrames> frames) {
        if (frames.isEmpty()) {
            return SegmentationEvaluator.evaluate(predictor, val, batchSize, manager, mode);
        }
        CityscapesFrames.Evaluation official = frames.get().start();
        return SegmentationEvaluator.evaluate(predictor, val, batchSize, manager, mode,
                official::add).withCityscapes(official.counts());
    }
}
