package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.benchmark.BenchmarkReport;
import io.dropclass.benchmark.BenchmarkSettings;
import io.dropclass.benchmark.FlopFigures;
import io.dropclass.benchmark.ForwardFlops;
import io.dropclass.benchmark.InferenceBenchmark;
import io.dropclass.benchmark.MatmulCeiling;
import io.dropclass.benchmark.MemoryAllocator;
import io.dropclass.benchmark.MemoryFigures;
import io.dropclass.benchmark.ProcessMemory;
import io.dropclass.benchmark.Resolution;
import io.dropclass.benchmark.TrainingBenchmark;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.FlopCounter;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.CrossEntropyObjective;
import io.dropclass.training.TrainingBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code dropclass bench}: the configured network, data, augmentation, loader, objective and SGD,
 * as {@link Experiment#train} composes them, trained for warm-up + timed steps with the trainer's
 * step; then inference at the requested sizes and the matrix-product ceiling on the same engine
 * threads. No run directory: the caller writes what it wants of the report.
 *
 * <p>Order: the FLOP count (a forward of two images, halved: DeepLabV3's image-pooling BatchNorm cannot
 * train on one; before the timed steps), the training steps, then (with the
 * loader closed, so its threads do not compete) inference and the matrix product.
 */
public final class Benchmark {

    /** Untimed matrix products before the timed ones. */
    private static final int MATMUL_WARMUP = 2;
    /** Timed matrix products. */
    private static final int MATMUL_RUNS = 5;

    private Benchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param config the resolved configuration; {@code train.iterations} should be warm-up +
     *     steps (the poly learning rate runs over it)
     * @param settings steps, inference sizes, memory sampling, matrix size
     * @param console receives progress lines
     * @return the figures
     * @throws IOException if the dataset on disk or the pretrained file cannot be read
     */
    public static BenchmarkReport run(
            ExperimentConfig config, BenchmarkSettings settings, Consumer<String> console)
            throws IOException {
        Networks.checkInputs(config);
        SegmentationDataset train = Datasets.train(config, w -> console.accept("warning: " + w));
        ClassStatistics stats = Datasets.weightsNeedStatistics(config)
                ? ClassStatistics.compute(train, config.runtime().loaderThreads())
                : null; // the fixed schemes do not read it
        double[] classWeights = Datasets.classWeights(config, train, stats);
        int batch = config.train().batchSize();
        int total = settings.warmup() + settings.steps();
        boolean dropClass = config.method().usesDropClass();
        List<String> notes = new ArrayList<>();
        if (dropClass) {
            notes.add("DropClass drops a class at every step (forced), whatever the schedule's"
                    + " lambda: the worst-case cost of the method");
        }
        notes.add("data = wait for the background loader (not hidden by overlap) + host-to-tensor"
                + " copy; optimizer includes releasing the step's arrays");
        notes.add("peak RSS (VmHWM) covers the whole process: training, inference and matmul");
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = Networks.create(config, train.classes().size());
            Networks.initialize(config, network, manager).ifPresent(console);
            FlopFigures flops;
            Resolution crop;
            TrainingBenchmark.Result trained;
            try (BatchLoader loader = Datasets.trainingLoader(config, train, 0);
                    TrainingSetup setup = TrainingSetup.create(config, network, classWeights,
                            loader.epochOf(total - 1) + 1, OptionalInt.of(0), manager)) {
                console.accept("counting the FLOPs of a forward (two images, halved)");
                TrainingBatch sample = loader.build(0);
                crop = new Resolution(sample.height(), sample.width());
                FlopCounter counted = ForwardFlops.perImage(manager, setup.objective(), sample, 0);
                if (network instanceof DropClassNetwork head) {
                    FlopCounter bare = ForwardFlops.perImage(manager,
                            new CrossEntropyObjective(head.network(), classWeights), sample, 0);
                    flops = FlopFigures.withDropClassBranch(counted, bare, batch);
                } else {
                    flops = FlopFigures.of(counted, batch);
                }
                console.accept("training: " + settings.warmup() + " warm-up + " + settings.steps()
                        + " timed steps of batch " + batch);
                trained = TrainingBenchmark.run(manager, setup.step(), loader,
                        setup.learningRate(), batch, settings.warmup(), settings.steps(),
                        settings.rssEvery(), settings.profileRows() > 0);
            }
            SegmentationPredictor predictor =
                    new SegmentationPredictor(network, ImageNormalization.IMAGENET);
            List<InferenceBenchmark.InferenceResult> inference = new ArrayList<>();
            for (Resolution size : settings.inference()) {
                console.accept("inference at " + size);
                inference.add(InferenceBenchmark.measure(predictor, manager, size,
                        settings.inferenceBatch(), settings.inferenceRuns()));
            }
            console.accept("matmul " + settings.matmulSize() + "x" + settings.matmulSize());
            MatmulCeiling.MatmulResult matmul = MatmulCeiling.measure(manager,
                    settings.matmulSize(), MATMUL_WARMUP, MATMUL_RUNS);
            return new BenchmarkReport(Environment.tool(), config.model().architecture(),
                    config.method().name(), crop, engineThreads(config),
                    config.runtime().loaderThreads(),
                    Environment.versions(), notes, trained.measurement(), flops, inference, matmul,
                    new MemoryFigures(ProcessMemory.read(), trained.rss(), MemoryAllocator.current(),
                            trained.timedFaults(), settings.steps()),
                    trained.profile().map(p -> p.limit(settings.profileRows())));
        }
    }

    /**
     * The engine's intra-op threads: the setting the engine started with (a {@code -D} option wins
     * over the configuration), else the configured count.
     */
    private static int engineThreads(ExperimentConfig config) {
        return Integer.getInteger("ai.djl.pytorch.num_threads",
                config.runtime().effectiveThreads());
    }
}
