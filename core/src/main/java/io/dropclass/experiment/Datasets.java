package io.dropclass.experiment;

import io.dropclass.analysis.ClassStatistics;
import io.dropclass.analysis.ClassStatisticsJson;
import io.dropclass.analysis.ClassWeights;
import io.dropclass.analysis.CountUnit;
import io.dropclass.config.ConfigException;
import io.dropclass.config.DataConfig;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import io.dropclass.data.validation.LoadedDataset;
import io.dropclass.training.BatchLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Builds the configured datasets and what derives from them (class weights, rare classes). */
final class Datasets {

    private Datasets() {}

    /**
     * The training split (synthetic: its content depends on the seed).
     *
     * @param config the configuration (data, runtime)
     * @param warnings receives one line per kind of skipped sample
     * @return the dataset
     * @throws IOException if the dataset on disk cannot be opened (the message names the folder)
     */
    static SegmentationDataset train(ExperimentConfig config, Consumer<String> warnings)
            throws IOException {
        return split(config, config.data().trainSplit(), warnings);
    }

    /**
     * The validation split named by {@code data.val_split} (synthetic: a fixed set).
     *
     * @param config the configuration (data)
     * @param warnings receives one line per kind of skipped sample
     * @return the dataset
     * @throws IOException if the dataset on disk cannot be opened
     */
    static SegmentationDataset validation(ExperimentConfig config, Consumer<String> warnings)
            throws IOException {
        return split(config, config.data().valSplit(), warnings);
    }

    /**
     * Where a dataset's warnings go when a person reads them: each line with one prefix.
     *
     * @param console the console's line printer
     * @return the warning sink for {@link #train}, {@link #validation} and {@link #split}
     */
    static Consumer<String> warningsTo(Consumer<String> console) {
        return w -> console.accept("warning: " + w);
    }

    /**
     * A split by name: generated for the synthetic benchmark, loaded and validated otherwise.
     *
     * @param config the configuration
     * @param split e.g. train, val (synthetic: train, val or shift)
     * @param warnings receives one line per kind of skipped sample, without a "warning:" prefix
     *     (whoever prints them adds it, once)
     * @return the dataset
     * @throws IOException if the dataset on disk cannot be opened, or (strict) holds bad samples
     */
    static SegmentationDataset split(
            ExperimentConfig config, String split, Consumer<String> warnings) throws IOException {
        DataConfig data = config.data();
        if (!data.synthetic()) {
            LoadedDataset loaded = DatasetLoader.open(
                    new DatasetSpec(data.dataset(), Path.of(data.root()), split, data.strict()));
            loaded.warnings().forEach(warnings);
            return loaded.dataset();
        }
        SyntheticSplit which = SyntheticSplit.parse(split);
        int size = which == SyntheticSplit.TRAIN ? data.trainImages() : data.valImages();
        return StreetSceneDataset.of(config.runtime().seed(), which, size, data.height(),
                data.width());
    }

    /**
     * The label set of the configured dataset, without scanning its images.
     *
     * @param config the configuration (data)
     * @return the classes
     * @throws IOException if a folder dataset's classes file cannot be read
     */
    static ClassCatalog catalog(ExperimentConfig config) throws IOException {
        Optional<ClassCatalog> fixed = config.data().dataset().fixedCatalog();
        return fixed.isPresent()
                ? fixed.get()
                : split(config, config.data().valSplit(), w -> { }).classes(); // its classes file
    }

    /**
     * The class weights of the cross-entropy: fixed (none, Cityscapes) or computed from the
     * training set's statistics (toolkit-survey.md §5).
     *
     * @param config the configuration (loss)
     * @param dataset the training set (its catalog may define fixed weights)
     * @param stats the training set's class statistics
     * @return one weight per class (classes without pixels get 0 in the computed schemes)
     */
    static double[] classWeights(
            ExperimentConfig config, SegmentationDataset dataset, ClassStatistics stats) {
        int k = dataset.classes().size();
        return switch (config.loss().classWeights()) {
            case NONE -> {
                double[] ones = new double[k];
                Arrays.fill(ones, 1);
                yield ones;
            }
            case CITYSCAPES -> dataset.classes().fixedWeights().orElseThrow(() ->
                    new ConfigException("loss.class_weights", "dataset "
                            + dataset.classes().name() + " has no Cityscapes weights"));
            case INVERSE -> ClassWeights.inverseFrequency(stats).toArray();
            case MEDIAN_FREQUENCY -> ClassWeights.medianFrequency(stats).toArray();
            case ENET -> ClassWeights.enet(stats).toArray();
            case EFFECTIVE_NUMBER -> ClassWeights.effectiveNumber(stats,
                    config.loss().effectiveNumberBeta(), CountUnit.IMAGES).toArray();
        };
    }

    /**
     * Whether the configured class weights are computed from the training statistics (the fixed
     * schemes do not need them).
     *
     * @param config the configuration (loss)
     * @return true for the computed schemes
     */
    static boolean weightsNeedStatistics(ExperimentConfig config) {
        return config.loss().classWeights().needsStatistics();
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

    /**
     * The configured training batches: the training augmentation, batch size, seed and loader
     * threads, positioned at a step (0 for a new run, the checkpoint's step on resume).
     *
     * @param config the configuration (data, train, runtime)
     * @param train the training split
     * @param start the first step the loader delivers
     * @return the loader, to close after training
     */
    static BatchLoader trainingLoader(ExperimentConfig config, SegmentationDataset train,
            int start) {
        return new BatchLoader(train, Augmentations.training(config.data(), train),
                config.train().batchSize(), config.runtime().seed(),
                config.runtime().loaderThreads(), start);
    }
}
