package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.TrainConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.method.DropClassMethod;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.RunManifest;
import io.dropclass.run.BestWeights;
import io.dropclass.run.Checkpointer;
import io.dropclass.run.ProgressReport;
import io.dropclass.run.ResumePlan;
import io.dropclass.run.RunDirectory;
import io.dropclass.run.RunHistory;
import io.dropclass.run.RunLock;
import io.dropclass.run.StateCheckpoints;
import io.dropclass.run.TerminalStatus;
import io.dropclass.training.PreciseBatchNorm;
import io.dropclass.training.SegmentationTrainer;
import io.dropclass.training.TrainingDivergedException;
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
 * Trains one experiment from its configuration, in a run directory:
 *
 * <pre>
 *   datasets (train, val) → class statistics → rare classes
 *   TrainingSetup: loader, method (network + objective), SGD, poly LR, step
 *   trainer.fit → listeners: history, best and last weights, checkpoints, progress
 *   → metrics.json, analysis/, manifest.json
 * </pre>
 *
 * <p>{@link #resume} continues a run from a training-state checkpoint ({@link ResumePlan}).
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

    /** The console, and whether it is a terminal (a progress line instead of log lines). */
    private record Console(PrintStream out, boolean interactive) {}

    /** What a run trains on, and where it continues from (null: the start). */
    private record RunInputs(SegmentationDataset train, SegmentationDataset val,
            StateCheckpoints.Loaded resumeFrom) {}

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
     * @throws TrainingDivergedException if a loss becomes NaN or infinite (the run is marked
     *     failed; the message names the last good checkpoint)
     */
    public static TrainingOutcome train(ExperimentConfig config, Path output, List<String> command,
            PrintStream console, boolean interactive) throws IOException {
        // every input is checked before the run directory exists: a bad input leaves nothing
        Networks.checkInputs(config);
        SegmentationDataset train = Datasets.train(config, Datasets.warningsTo(console::println));
        SegmentationDataset val = Datasets.validation(config,
                Datasets.warningsTo(console::println));
        RunDirectory run = RunDirectory.create(output);
        // held for the whole run: a resume or another train of this folder is refused meanwhile
        try (RunLock lock = RunLock.acquire(run.root())) {
            AtomicFiles.writeString(run.file("config.json"), ConfigFiles.toJson(config));
            RunManifest manifest = new RunManifest(Environment.tool(), command, "running", null,
                    config.runtime().seed(), config.runtime().effectiveThreads(),
                    Environment.versions(), Environment.gitCommit().orElse(null),
                    Map.of("train", train.fingerprint(), "val", val.fingerprint()),
                    OffsetDateTime.now().toString(), null, Map.of(), List.of());
            run.writeManifest(manifest);
            return execute(config, run, manifest, new RunInputs(train, val, null),
                    new Console(console, interactive));
        }
    }

    /**
     * Continues a run from a training-state checkpoint to the configured end: network, momentum
     * buffers, schedule position, best mIoU and history are restored; data order, augmentation,
     * class-drop decisions and dropout masks are pure functions of the seed and the iteration. The
     * run's {@code config.json} is the configuration; only {@code optimizer.lr} may be changed
     * (e.g. after a divergence), which is recorded in the manifest's resume entry and config.json
     * and breaks bit-exactness with an uninterrupted run. The run's lock ({@code .lock}) is held
     * throughout; every check passes before the folder is changed ({@link ResumePlan}).
     *
     * @param runDirectory the run
     * @param checkpoint a checkpoint of the run to continue from, or null for the newest intact
     *     one (see {@link ResumePlan} for what happens to later checkpoints)
     * @param newLearningRate a new base learning rate, or null to keep the configured one
     * @param command the command line, for the manifest
     * @param console where progress goes
     * @param interactive whether the console is a terminal
     * @return the outcome
     * @throws IOException with a one-line message if the run cannot be resumed (finished runs are
     *     the caller's to check with {@link RunDirectory#isFinished})
     */
    public static TrainingOutcome resume(Path runDirectory, Path checkpoint,
            Double newLearningRate, List<String> command, PrintStream console,
            boolean interactive) throws IOException {
        // a run directory, before any lock file
        ExperimentConfig config = RunConfigs.read(runDirectory);
        try (RunLock lock = RunLock.acquire(runDirectory)) {
            ResumePlan plan = ResumePlan.check(runDirectory, checkpoint, RunConfigs.hash(config),
                    console::println);
            Double previousLr = null;
            if (newLearningRate != null) {
                previousLr = config.optimizer().lr();
                config = ConfigFiles.resolve(config, null,
                        List.of("optimizer.lr=" + newLearningRate));
            }
            SegmentationDataset train = Datasets.train(config,
                    Datasets.warningsTo(console::println));
            SegmentationDataset val = Datasets.validation(config,
                    Datasets.warningsTo(console::println));
            if (plan.manifest().datasets() != null && !plan.manifest().datasets().equals(
                    Map.of("train", train.fingerprint(), "val", val.fingerprint()))) {
                throw new IOException("run directory " + runDirectory + ": the dataset changed"
                        + " since the run started (fingerprints differ); resume needs the same"
                        + " data");
            }
            // every check passed: the first change is the manifest saying the run continues
            RunManifest resumed = plan.apply(plan.record(command, previousLr,
                    newLearningRate == null ? null : config.optimizer().lr()), console::println);
            int from = plan.from().state().iteration();
            if (newLearningRate != null) {
                console.println("optimizer.lr " + previousLr + " -> " + config.optimizer().lr()
                        + " from iteration " + from
                        + " (the run is no longer identical to an uninterrupted one)");
                AtomicFiles.writeString(runDirectory.resolve("config.json"),
                        ConfigFiles.toJson(config));
            }
            console.println("resuming " + runDirectory + " from "
                    + plan.from().file().getFileName() + " (iteration " + from + " of "
                    + config.train().iterations() + ")");
            return execute(config, RunDirectory.open(runDirectory), resumed,
                    new RunInputs(train, val, plan.from()), new Console(console, interactive));
        }
    }

    /**
     * Continues a run from its newest intact training-state checkpoint (see {@link #resume(Path,
     * Path, Double, List, PrintStream, boolean)}).
     *
     * @param runDirectory the run
     * @param newLearningRate a new base learning rate, or null to keep the configured one
     * @param command the command line, for the manifest
     * @param console where progress goes
     * @param interactive whether the console is a terminal
     * @return the outcome
     * @throws IOException with a one-line message if the run cannot be resumed
     */
    public static TrainingOutcome resume(Path runDirectory, Double newLearningRate,
            List<String> command, PrintStream console, boolean interactive) throws IOException {
        return resume(runDirectory, null, newLearningRate, command, console, interactive);
    }

    /** Trains to the end, then writes the terminal status; a signal marks the run interrupted. */
    private static TrainingOutcome execute(ExperimentConfig config, RunDirectory run,
            RunManifest manifest, RunInputs inputs, Console console) throws IOException {
        TerminalStatus terminal = new TerminalStatus(run);
        TerminalStatus.SignalGuard guard = terminal.onSignal(manifest);
        try {
            TrainingOutcome outcome = trainInto(config, run, inputs, console);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("final_miou", outcome.finalEvaluation().meanIou());
            figures.put("final_miou_absent_as_zero",
                    outcome.finalEvaluation().meanIouAbsentAsZero());
            figures.put("final_rare_miou", outcome.finalEvaluation()
                    .meanIou(outcome.rareClasses(), AbsentClassPolicy.PRESENT));
            figures.put("best_miou", outcome.bestMeanIou());
            figures.put("best_iteration", outcome.bestIteration());
            terminal.write(manifest.end("finished", null, OffsetDateTime.now().toString(),
                    figures));
            return outcome;
        } catch (IOException | RuntimeException | Error e) {
            terminal.fail(manifest, e);
            throw e;
        } finally {
            guard.close();
        }
    }

    private static TrainingOutcome trainInto(ExperimentConfig config, RunDirectory run,
            RunInputs inputs, Console console) throws IOException {
        ClassStatistics stats =
                ClassStatistics.compute(inputs.train(), config.runtime().loaderThreads());
        Datasets.writeStatistics(run.file("class_stats.json"), stats,
                config.data().dataset().key(), "train");
        Set<Integer> rare = Datasets.rareClasses(stats);
        StateCheckpoints.Loaded resumeFrom = inputs.resumeFrom();
        int start = resumeFrom == null ? 0 : resumeFrom.state().iteration();
        TrainConfig tc = config.train();
        EvaluationMode mode = Augmentations.evaluation(config.evaluation());
        try (NDManager manager = NDManager.newBaseManager();
                TrainingSetup setup = TrainingSetup.forRun(config, inputs.train(), stats,
                        TrainingSetup.Origin.training(start, resumeFrom != null), manager,
                        console.out()::println)) {
            SegmentationPredictor predictor = setup.predictor();
            var officialFrames = CityscapesOfficial.frames(config, inputs.val(),
                    Datasets.warningsTo(console.out()::println));
            SegmentationTrainer.Validator validator = () -> CityscapesOfficial.evaluate(predictor,
                    inputs.val(), config.evaluation().batchSize(), manager, mode, officialFrames);
            RunHistory history = new RunHistory(run.root(), inputs.train().classes().classes()
                    .stream().map(c -> c.name()).toList(), rare);
            BestWeights best = new BestWeights(run, setup.network());
            Checkpointer checkpointer = new Checkpointer(run, setup.network(),
                    checkpointContents(config, setup), history, best);
            int skipped = 0;
            if (resumeFrom != null) {
                StateCheckpoints.restore(resumeFrom, setup.network(), setup.sgd(), manager);
                setup.positionRandomStreams(start);
                best.resumeFrom(resumeFrom.state());
                history.resumeAt(start);
                checkpointer.resumedFrom(resumeFrom.file());
                skipped = resumeFrom.state().skippedSteps();
            }
            TrainingProgress progress =
                    new TrainingProgress(console.out(), console.interactive(), tc.iterations());
            var schedule = new SegmentationTrainer.Schedule(tc.iterations(),
                    tc.validationInterval(), tc.logInterval(), setup.learningRate(),
                    tc.checkpointInterval());
            try {
                new SegmentationTrainer(setup.step(), schedule, validator, List.of(history, best,
                        checkpointer, new ProgressReport(progress, rare, best)),
                        recalibration(config, setup)).fit(manager, setup.loader(), start, skipped);
            } catch (TrainingDivergedException e) {
                throw e.withAdvice(divergedAdvice(checkpointer.lastCheckpoint(), run));
            }
            SegmentationEvaluation last = best.latest() != null
                    ? best.latest()
                    : validator.validate(); // resumed from the final checkpoint: nothing trained
            EvaluationJson.write(run.file("metrics.json"), last);
            RunAnalysis.write(run.file("analysis"), setup.network(), inputs.val(), stats, mode,
                    manager);
            return new TrainingOutcome(run.root(), last, rare, best.bestMeanIou(),
                    best.bestIteration());
        }
    }

    /** Precise BatchNorm after the last step if {@code train.precise_bn_batches} asks for it. */
    private static SegmentationTrainer.Recalibration recalibration(ExperimentConfig config,
            TrainingSetup setup) {
        TrainConfig tc = config.train();
        return tc.preciseBnBatches() == 0 ? SegmentationTrainer.Recalibration.NONE
                : new PreciseBatchNorm(setup.network(), Networks.format(config), setup.loader(),
                        tc.iterations(), tc.preciseBnBatches());
    }

    /** What every checkpoint of the run holds besides the weights. */
    private static Checkpointer.Contents checkpointContents(ExperimentConfig config,
            TrainingSetup setup) {
        return new Checkpointer.Contents(setup.sgd(), config.train().keepCheckpoints(),
                config.runtime().seed(), RunConfigs.hash(config),
                DropClassMethod.samplerSeed(config.runtime().seed()), setup.learningRate());
    }

    /** Where to go on after a diverged run: the last good checkpoint, or a lower rate. */
    private static String divergedAdvice(Path last, RunDirectory run) {
        return last == null
                ? "no checkpoint was written yet; start again with a lower optimizer.lr"
                : "last good checkpoint: " + last + " (resume with dropclass train"
                        + " --resume " + run.root() + ", e.g. with a lower"
                        + " optimizer.lr=...)";
    }
}
