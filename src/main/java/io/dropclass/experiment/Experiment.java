package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.RunManifest;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.SegmentationTrainer;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires one training experiment together from its configuration and runs it:
 *
 * <pre>
 *   datasets (train, val) → class statistics → rare classes
 *   network (initialised from the seed) → objective → SGD + poly LR → trainer
 *   trainer.fit → RunRecorder (history, checkpoints, progress) → metrics.json, manifest.json
 * </pre>
 */
public final class Experiment {

    /**
     * Headline figures of a finished training run.
     *
     * @param runDirectory where everything was written
     * @param finalEvaluation the evaluation of the final network on the validation set
     * @param rareClasses the classes under 1 % of the training pixels
     * @param bestMeanIou the best validation mIoU (absent classes skipped)
     * @param bestIteration the iteration of the best validation
     */
    public record TrainingOutcome(
            Path runDirectory,
            SegmentationEvaluation finalEvaluation,
            Set<Integer> rareClasses,
            double bestMeanIou,
            int bestIteration) {}

    private Experiment() {}

    /**
     * Trains and evaluates a network as configured.
     *
     * @param config the resolved configuration
     * @param output the run directory to create (must not exist or be empty)
     * @param command the command line, for the manifest
     * @param console where progress goes
     * @param interactive whether the console is a terminal
     * @return the outcome
     * @throws IOException if the run directory cannot be written
     */
    public static TrainingOutcome train(
            ExperimentConfig config,
            Path output,
            List<String> command,
            PrintStream console,
            boolean interactive)
            throws IOException {
        // every input is checked before the run directory exists: a bad input leaves nothing
        Networks.checkInputs(config);
        SegmentationDataset train = Datasets.train(config, console::println);
        SegmentationDataset val = Datasets.validation(config, console::println);
        RunDirectory run = RunDirectory.create(output);
        AtomicFiles.writeString(run.file("config.json"), ConfigFiles.toJson(config));
        RunManifest manifest = new RunManifest(Environment.tool(), command, "running", null,
                config.runtime().seed(), config.runtime().effectiveThreads(),
                Environment.versions(), Environment.gitCommit().orElse(null),
                Map.of("train", train.fingerprint(), "val", val.fingerprint()),
                OffsetDateTime.now().toString(), null, Map.of());
        run.writeManifest(manifest);
        // Ctrl-C or a plain kill: say so in the manifest instead of leaving "running"
        Thread onSignal = new Thread(() -> {
            try {
                run.writeManifest(manifest.end("interrupted", "stopped by a signal",
                        OffsetDateTime.now().toString(), Map.of()));
            } catch (IOException e) {
                // the JVM is exiting; the manifest keeps saying "running"
            }
        }, "dropclass-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            TrainingOutcome outcome = trainInto(config, run, train, val, console, interactive);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("final_miou", outcome.finalEvaluation().meanIou());
            figures.put("final_miou_absent_as_zero", outcome.finalEvaluation().meanIouAbsentAsZero());
            figures.put("final_rare_miou", outcome.finalEvaluation()
                    .meanIou(outcome.rareClasses(), AbsentClassPolicy.PRESENT));
            figures.put("best_miou", outcome.bestMeanIou());
            figures.put("best_iteration", outcome.bestIteration());
            run.writeManifest(manifest.end("finished", null, OffsetDateTime.now().toString(), figures));
            return outcome;
        } catch (IOException | RuntimeException | Error e) {
            try {
                run.writeManifest(manifest.end("failed", String.valueOf(e.getMessage()),
                        OffsetDateTime.now().toString(), Map.of()));
            } catch (IOException | RuntimeException manifestFailed) {
                // a full disk may refuse the manifest too: the first error is the one to report
                e.addSuppressed(manifestFailed);
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it owns the manifest now
            }
        }
    }

    private static TrainingOutcome trainInto(
            ExperimentConfig config,
            RunDirectory run,
            SegmentationDataset train,
            SegmentationDataset val,
            PrintStream console,
            boolean interactive)
            throws IOException {
        ClassStatistics stats = ClassStatistics.compute(train, config.runtime().loaderThreads());
        Datasets.writeStatistics(run.file("class_stats.json"), stats, config.data().dataset(), "train");
        Set<Integer> rare = Datasets.rareClasses(stats);
        long seed = config.runtime().seed();
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = Networks.create(config, train.classes().size());
            Networks.initialize(config, network, manager)
                    .ifPresent(summary -> console.println(summary));
            var opt = config.optimizer();
            var schedule = new SegmentationTrainer.Schedule(config.train().iterations(),
                    config.train().validationInterval(), config.train().logInterval(),
                    new PolyLearningRate(opt.lr(), config.train().iterations(), opt.polyPower()));
            SegmentationPredictor predictor =
                    new SegmentationPredictor(network, ImageNormalization.IMAGENET);
            TrainingProgress progress =
                    new TrainingProgress(console, interactive, config.train().iterations());
            RunRecorder recorder = new RunRecorder(run, network, train.classes(), rare, progress);
            PairedTransform augment = Augmentations.training(config.data(), train);
            EvaluationMode mode = Augmentations.evaluation(config.evaluation());
            try (Sgd sgd = new Sgd(manager, network.trainableArrays(), opt.momentum(),
                            opt.weightDecay(), opt.nesterov());
                    BatchLoader loader = new BatchLoader(train, augment, config.train().batchSize(),
                            seed, config.runtime().loaderThreads(), 0)) {
                var objective = Networks.objective(config, network,
                        Datasets.classWeights(config, train, stats),
                        loader.epochOf(config.train().iterations() - 1) + 1);
                new SegmentationTrainer(objective, sgd, schedule,
                        () -> SegmentationEvaluator.evaluate(predictor, val,
                                config.evaluation().batchSize(), manager, mode),
                        recorder).fit(manager, loader, 0);
            }
            EvaluationJson.write(run.file("metrics.json"), recorder.latest());
            RunAnalysis.write(run.file("analysis"), network, val, stats, mode, manager);
            return new TrainingOutcome(run.root(), recorder.latest(), rare,
                    recorder.bestMeanIou(), recorder.bestIteration());
        }
    }
}
