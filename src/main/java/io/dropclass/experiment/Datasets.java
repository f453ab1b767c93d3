package io.dropclass.experiment;

import io.dropclass.analysis.ClassStatistics;
import io.dropclass.analysis.ClassStatisticsJson;
import io.dropclass.analysis.ClassWeights;
import io.dropclass.analysis.CountUnit;
import io.dropclass.config.ConfigException;
import io.dropclass.config.DataConfig;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/** Builds the configured datasets and what derives from them (class weights, rare classes). */
final class Datasets {

    private Datasets() {}

    /** The training split (its content depends on the seed). */
    static SegmentationDataset train(ExperimentConfig config) {
        return split(config, "train");
    }

    /** The validation split named by {@code data.val_split} (a fixed set). */
    static SegmentationDataset validation(ExperimentConfig config) {
        return split(config, config.data().valSplit());
    }

    /**
     * A split by name.
     *
     * @param config the configuration
     * @param split train, val or shift
     * @return the dataset
     */
    static SegmentationDataset split(ExperimentConfig config, String split) {
        DataConfig data = config.data();
        SyntheticSplit which = SyntheticSplit.parse(split);
        int size = which == SyntheticSplit.TRAIN ? data.trainImages() : data.valImages();
        return StreetSceneDataset.of(config.runtime().seed(), which, size, data.height(),
                data.width());
    }

    /**
     * The class weights of the cross-entropy: fixed (none, Cityscapes) or computed from the training
     * set's statistics (toolkit-survey.md §5).
     *
     * @param config the configuration (loss)
     * @param dataset the training set (its catalog may define fixed weights)
     * @param stats the training set's class statistics
     * @return one weight per class (classes without pixels get 0 in the computed schemes)
     */
    static float[] classWeights(
            ExperimentConfig config, SegmentationDataset dataset, ClassStatistics stats) {
        int k = dataset.classes().size();
        return switch (config.loss().classWeights()) {
            case "none" -> {
                float[] ones = new float[k];
                Arrays.fill(ones, 1f);
                yield ones;
            }
            case "cityscapes" -> dataset.classes().fixedWeights().orElseThrow(() ->
                    new ConfigException("loss.class_weights", "dataset "
                            + dataset.classes().name() + " has no Cityscapes weights"));
            case "inverse" -> ClassWeights.inverseFrequency(stats).toFloatArray();
            case "median_frequency" -> ClassWeights.medianFrequency(stats).toFloatArray();
            case "enet" -> ClassWeights.enet(stats).toFloatArray();
            case "effective_number" -> ClassWeights.effectiveNumber(stats,
                    config.loss().effectiveNumberBeta(), CountUnit.IMAGES).toFloatArray();
            default -> throw new ConfigException("loss.class_weights",
                    "unknown scheme " + config.loss().classWeights());
        };
    }

    /** Classes under 1 % of the labelled training pixels. */
    static Set<Integer> rareClasses(ClassStatistics stats) {
        return stats.rareClasses(ClassStatistics.RARE_SHARE);
    }

    /** Writes {@code class_stats.json}. */
    static void writeStatistics(Path file, ClassStatistics stats, String dataset, String split)
            throws IOException {
        ClassStatisticsJson.write(file, dataset, split, stats);
    }
}
