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
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.method.LossMethod;
import io.dropclass.method.MethodParts;
import io.dropclass.nn.FlopCounter;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.TrainingBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code dropclass bench}: the configured network, data, augmentation, loader, objective and SGD,
 * as {@link Experiment#train} composes them, trained for warm-up + timed steps with the trainer's
 * step; then inference at the requested sizes and the matrix-product ceiling on the same engine
 * threads. No run directory: the caller writes what it wants of the report.
 *
 * <p>Order: the FLOP count (a forward of two images, halved: DeepLabV3's image-pooling BatchNorm
 * cannot train on one; before the timed steps), the training steps, then (with the
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
     * @param config the resolved configuration; its {@code train.iterations} is replaced by the
     *     steps the benchmark runs, the horizon of the learning rate and of the DropClass schedule
     * @param settings steps, inference sizes, memory sampling, matrix size
     * @param console receives progress lines
     * @return the figures
     * @throws IOException if the dataset on disk or the pretrained file cannot be read
     */
    public static BenchmarkReport run(
            ExperimentConfig config, BenchmarkSettings settings, Consumer<String> console)
            throws IOException {
        int horizon = settings.warmup() + settings.steps() + (settings.profileRows() > 0 ? 1 : 0);
        config = ConfigFiles.resolve(config, null, List.of("train.iterations=" + horizon));
        Networks.checkInputs(config);
        SegmentationDataset train = Datasets.train(config, Datasets.warningsTo(console));
        ClassStatistics stats = Datasets.weightsNeedStatistics(config)
                ? ClassStatistics.compute(train, config.runtime().loaderThreads())
                : null; // the fixed schemes do not read it
        int batch = config.train().batchSize();
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
            FlopFigures flops;
            Resolution crop;
            TrainingBenchmark.Result trained;
            SegmentationPredictor predictor;
            try (TrainingSetup setup = TrainingSetup.forRun(config, train, stats,
                    TrainingSetup.Origin.benchmark(), manager, console)) {
                console.accept("counting the FLOPs of a forward (two images, halved)");
                BatchLoader loader = setup.loader();
                TrainingBatch sample = loader.build(0);
                crop = new Resolution(sample.height(), sample.width());
                flops = forwardFlops(manager, setup.parts(), sample, batch);
                console.accept("training: " + settings.warmup() + " warm-up + " + settings.steps()
                        + " timed steps of batch " + batch);
                trained = TrainingBenchmark.run(manager, setup.step(), loader,
                        setup.learningRate(), new TrainingBenchmark.Plan(batch, settings.warmup(),
                                settings.steps(), settings.rssEvery(), settings.profileRows() > 0));
                predictor = setup.predictor();
            }
            List<InferenceBenchmark.InferenceResult> inference =
                    inference(predictor, manager, settings, console);
            console.accept("matmul " + settings.matmulSize() + "x" + settings.matmulSize());
            MatmulCeiling.MatmulResult matmul = MatmulCeiling.measure(manager,
                    settings.matmulSize(), MATMUL_WARMUP, MATMUL_RUNS);
            return new BenchmarkReport(Environment.tool(), config.model().architecture().key(),
                    config.method().name().key(), crop, engineThreads(config),
                    config.runtime().loaderThreads(),
                    Environment.versions(), notes, trained.measurement(), flops, inference, matmul,
                    new MemoryFigures(ProcessMemory.read(), trained.rss(),
                            MemoryAllocator.current(), trained.timedFaults(), settings.steps()),
                    trained.profile().map(p -> p.limit(settings.profileRows())));
        }
    }

    /**
     * FLOPs of one training forward per image; with a DropClass head, also those of the bare
     * network, so the report can name the branch's share.
     */
    private static FlopFigures forwardFlops(NDManager manager, MethodParts parts,
            TrainingBatch sample, int batch) {
        FlopCounter counted = ForwardFlops.perImage(manager, parts.objective(), sample, 0);
        if (!parts.hasHead()) {
            return FlopFigures.of(counted, batch);
        }
        FlopCounter bare = ForwardFlops.perImage(manager, LossMethod.baseline()
                .build(parts.bare(), ones(parts.bare().numClasses()), 1)
                .objective(), sample, 0);
        return FlopFigures.withDropClassBranch(counted, bare, batch);
    }

    /** Times inference at each configured size. */
    private static List<InferenceBenchmark.InferenceResult> inference(
            SegmentationPredictor predictor, NDManager manager, BenchmarkSettings settings,
            Consumer<String> console) {
        List<InferenceBenchmark.InferenceResult> results = new ArrayList<>();
        for (Resolution size : settings.inference()) {
            console.accept("inference at " + size);
            results.add(InferenceBenchmark.measure(predictor, manager, size,
                    settings.inferenceBatch(), settings.inferenceRuns()));
        }
        return results;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
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
