package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import io.dropclass.results.RunManifest;
import io.dropclass.results.TrainingHistory;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.training.TrainingDivergedException;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.SegmentationTrainer;
import io.dropclass.training.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Wires one training experiment together from its configuration and runs it:
 *
 * <pre>
 *   datasets (train, val) → class statistics → rare classes
 *   network (initialised from the seed) → objective → SGD + poly LR → trainer
 *   trainer.fit → RunRecorder (history, checkpoints, progress) → metrics.json, manifest.json
 * </pre>
 *
 * <p>{@link #resume} rebuilds the same objects from a run directory and its newest intact
 * training-state checkpoint and continues where the checkpoint stands.
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
     * @throws TrainingDivergedException if a loss becomes NaN or infinite (the run is marked
     *     failed; the message names the last good checkpoint)
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
        // held for the whole run: a resume or another train of this folder is refused meanwhile
        try (RunLock lock = RunLock.acquire(run.root())) {
            AtomicFiles.writeString(run.file("config.json"), ConfigFiles.toJson(config));
            RunManifest manifest = new RunManifest(Environment.tool(), command, "running", null,
                    config.runtime().seed(), config.runtime().effectiveThreads(),
                    Environment.versions(), Environment.gitCommit().orElse(null),
                    Map.of("train", train.fingerprint(), "val", val.fingerprint()),
                    OffsetDateTime.now().toString(), null, Map.of(), List.of());
            run.writeManifest(manifest);
            return execute(config, run, manifest, train, val, console, interactive, null);
        }
    }

    /**
     * The configuration a run was started with: its {@code config.json} over the defaults.
     *
     * @param runDirectory the run
     * @return the configuration
     * @throws IOException naming the folder if it is not a run directory
     */
    public static ExperimentConfig runConfig(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve("config.json");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(runDirectory.resolve("manifest.json"))) {
            throw new IOException("run directory " + runDirectory
                    + ": no config.json and manifest.json; name a folder that dropclass train created");
        }
        return ConfigFiles.resolve(ExperimentConfig.defaults(), file, List.of());
    }

    /**
     * Whether a run's manifest says it finished.
     *
     * @param runDirectory the run
     * @return true for status finished
     * @throws IOException if the manifest cannot be read
     */
    public static boolean isFinished(Path runDirectory) throws IOException {
        return "finished".equals(readManifest(runDirectory).status());
    }

    private static RunManifest readManifest(Path runDirectory) throws IOException {
        try {
            return ResultFiles.readJson(runDirectory.resolve("manifest.json"), RunManifest.class);
        } catch (IOException e) {
            throw new IOException("run directory " + runDirectory + ": manifest.json cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * The most recently modified run directory (one with a manifest) in a folder that no process
     * is training in now.
     *
     * @param runs the folder of runs, e.g. {@code runs}
     * @return the run directory
     * @throws IOException naming the folder if it holds no run
     */
    public static Path latestRun(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            throw new IOException("--resume: no run directory given and no " + runs
                    + " folder here; name the run directory");
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                    .filter(d -> !RunLock.isLocked(d))
                    .max(Comparator.comparing(d -> lastModified(d.resolve("manifest.json"))))
                    .orElseThrow(() -> new IOException("--resume: no run directory in " + runs
                            + " that no other dropclass process is training in; name the run"
                            + " directory"));
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Continues a run from its newest intact training-state checkpoint to the configured end:
     * network, momentum buffers, schedule position, best mIoU and history are restored; data order,
     * augmentation, class-drop decisions and dropout masks are pure functions of the seed and the
     * iteration. The run's {@code config.json} is the configuration; only {@code optimizer.lr} may be
     * changed (e.g. after a divergence), which is recorded in the manifest's resume entry and
     * config.json and breaks bit-exactness with an uninterrupted run. The run's lock ({@code
     * .lock}) is held throughout; every check passes before the folder is changed.
     *
     * @param runDirectory the run
     * @param checkpoint a checkpoint of the run to continue from (e.g. the best one, or one before
     *     a divergence), or null for the newest intact one; checkpoints after it, with that
     *     branch's best/last weights and metrics.json, are moved to a new {@code
     *     checkpoints/abandoned-<iteration>[-n]/} and best.safetensors is restored from the best
     *     checkpoint up to it
     * @param newLearningRate a new base learning rate, or null to keep the configured one
     * @param command the command line, for the manifest
     * @param console where progress goes
     * @param interactive whether the console is a terminal
     * @return the outcome
     * @throws IOException with a one-line message if the run cannot be resumed (finished runs are
     *     the caller's to check with {@link #isFinished})
     */
    public static TrainingOutcome resume(
            Path runDirectory,
            Path checkpoint,
            Double newLearningRate,
            List<String> command,
            PrintStream console,
            boolean interactive)
            throws IOException {
        ExperimentConfig config = runConfig(runDirectory); // a run directory, before any lock file
        try (RunLock lock = RunLock.acquire(runDirectory)) {
            return resumeLocked(runDirectory, config, checkpoint, newLearningRate, command, console,
                    interactive);
        }
    }

    /** {@link #resume}, holding the run's lock: every check first, then the first change. */
    private static TrainingOutcome resumeLocked(
            Path runDirectory,
            ExperimentConfig config,
            Path checkpoint,
            Double newLearningRate,
            List<String> command,
            PrintStream console,
            boolean interactive)
            throws IOException {
        RunManifest manifest = readManifest(runDirectory);
        StateCheckpoints store = new StateCheckpoints(runDirectory.resolve("checkpoints"));
        if (store.list().isEmpty()) {
            throw new IOException("run directory " + runDirectory + ": no training-state checkpoint"
                    + " (checkpoints/iter_*.safetensors) to resume from; start a new run");
        }
        StateCheckpoints.Loaded loaded;
        if (checkpoint == null) {
            loaded = store.newestIntact(console::println)
                    .orElseThrow(() -> new IOException("run directory " + runDirectory
                            + ": every training-state checkpoint is corrupt; start a new run"));
        } else {
            Path inRun = runDirectory.resolve("checkpoints").resolve(checkpoint.getFileName());
            if (!Files.isRegularFile(inRun) || !Files.isSameFile(inRun, checkpoint)) {
                throw new IOException("--resume " + checkpoint + ": not a checkpoint in "
                        + runDirectory.resolve("checkpoints") + "; name one of the run's files");
            }
            try {
                loaded = store.read(inRun);
            } catch (IllegalArgumentException | IOException e) {
                throw new IOException("--resume " + checkpoint + ": not an intact training-state"
                        + " checkpoint: " + e.getMessage(), e);
            }
        }
        int from = loaded.state().iteration();
        String hash = configHash(config);
        if (!hash.equals(loaded.state().configHash())) {
            throw new IOException(runDirectory.resolve("config.json") + ": differs from the "
                    + "configuration of " + loaded.file().getFileName() + "; put it back as the run"
                    + " wrote it (only optimizer.lr may change on resume)");
        }
        Double previousLr = null;
        if (newLearningRate != null) {
            previousLr = config.optimizer().lr();
            config = ConfigFiles.resolve(config, null, List.of("optimizer.lr=" + newLearningRate));
        }
        SegmentationDataset train = Datasets.train(config, console::println);
        SegmentationDataset val = Datasets.validation(config, console::println);
        Map<String, String> fingerprints = Map.of("train", train.fingerprint(),
                "val", val.fingerprint());
        if (manifest.datasets() != null && !manifest.datasets().equals(fingerprints)) {
            throw new IOException("run directory " + runDirectory + ": the dataset changed since the"
                    + " run started (fingerprints differ); resume needs the same data");
        }
        List<Path> later = checkpoint == null ? List.of() : store.after(from);
        StateCheckpoints.Loaded best = null;
        int bestIteration = loaded.state().bestIteration();
        if (!later.isEmpty() && bestIteration >= 0) {
            Path bestFile = store.list().stream()
                    .filter(f -> StateCheckpoints.iterationOf(f) == bestIteration)
                    .findFirst().orElse(null);
            try {
                best = bestFile == null ? null
                        : bestFile.equals(loaded.file()) ? loaded : store.read(bestFile);
            } catch (IllegalArgumentException e) {
                console.println("warning: " + e.getMessage() + "; best.safetensors is not restored");
            }
        }

        // every check passed: the first change is the manifest saying the run continues
        RunDirectory run = RunDirectory.open(runDirectory);
        RunManifest resumed = manifest.resumed(new RunManifest.Resume(
                OffsetDateTime.now().toString(), from,
                runDirectory.relativize(loaded.file()).toString(), manifest.status(), command,
                previousLr, newLearningRate == null ? null : config.optimizer().lr()));
        run.writeManifest(resumed);
        int cleaned = store.deleteTemporaries();
        if (cleaned > 0) {
            console.println("removed " + cleaned + " temporary file(s) of an interrupted checkpoint write");
        }
        if (newLearningRate != null) {
            console.println("optimizer.lr " + previousLr + " -> " + config.optimizer().lr()
                    + " from iteration " + from
                    + " (the run is no longer identical to an uninterrupted one)");
            AtomicFiles.writeString(runDirectory.resolve("config.json"), ConfigFiles.toJson(config));
        }
        if (!later.isEmpty()) {
            abandonBranch(run, store, later, from, best, loaded.state().bestMeanIou(), console);
            if (best == null && bestIteration >= 0) {
                console.println("warning: the checkpoint of the best iteration " + bestIteration
                        + " is gone; there is no best.safetensors until a validation beats it");
            }
        }
        console.println("resuming " + runDirectory + " from " + loaded.file().getFileName()
                + " (iteration " + from + " of " + config.train().iterations()
                + ")");
        return execute(config, run, resumed, train, val, console, interactive, loaded);
    }

    /**
     * Moves a branch that a resume from an older checkpoint abandons into a new {@code
     * checkpoints/abandoned-<iteration>[-n]} folder: its training-state checkpoints and the
     * weights and metrics it reported ({@code best}, {@code last}, {@code metrics.json}); {@code
     * best.safetensors} is written again from the best checkpoint up to the resumed iteration.
     */
    private static void abandonBranch(RunDirectory run, StateCheckpoints store, List<Path> later,
            int from, StateCheckpoints.Loaded best, double bestMeanIou, PrintStream console)
            throws IOException {
        Path folder = store.freshAbandonedFolder(from);
        List<Path> moved = StateCheckpoints.moveInto(later, folder);
        StateCheckpoints.moveInto(List.of(run.checkpoints().resolve("best.safetensors"),
                run.checkpoints().resolve("last.safetensors"), run.file("metrics.json")), folder);
        console.println("moved " + moved.size() + " later checkpoint(s) to checkpoints/"
                + folder.getFileName() + " (with that branch's best, last and metrics.json)");
        if (best != null) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("iteration", Integer.toString(best.state().iteration()));
            meta.put("miou", Double.toString(bestMeanIou));
            StateCheckpoints.writeWeights(best, run.checkpoints().resolve("best.safetensors"), meta);
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
    public static TrainingOutcome resume(
            Path runDirectory,
            Double newLearningRate,
            List<String> command,
            PrintStream console,
            boolean interactive)
            throws IOException {
        return resume(runDirectory, null, newLearningRate, command, console, interactive);
    }

    /**
     * SHA-256 (hex) of the configuration as config.json holds it, with {@code optimizer.lr} set to
     * 1: the one key that a resume may change.
     */
    static String configHash(ExperimentConfig config) {
        try {
            ExperimentConfig withoutLr =
                    ConfigFiles.resolve(config, null, List.of("optimizer.lr=1"));
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ConfigFiles.toJson(withoutLr).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }

    private static TrainingOutcome execute(
            ExperimentConfig config,
            RunDirectory run,
            RunManifest manifest,
            SegmentationDataset train,
            SegmentationDataset val,
            PrintStream console,
            boolean interactive,
            StateCheckpoints.Loaded resumeFrom)
            throws IOException {
        // Ctrl-C or a plain kill: say so in the manifest instead of leaving "running"; the first
        // terminal status written wins, so a signal after "finished" changes nothing
        TerminalStatus terminal = new TerminalStatus(run);
        Thread onSignal = new Thread(() -> {
            try {
                terminal.write(manifest.end("interrupted", "stopped by a signal",
                        OffsetDateTime.now().toString(), Map.of()));
            } catch (IOException e) {
                // the JVM is exiting; the manifest keeps saying "running"
            }
        }, "dropclass-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        RunRecorder[] recorder = new RunRecorder[1];
        try {
            TrainingOutcome outcome =
                    trainInto(config, run, train, val, console, interactive, resumeFrom, recorder);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("final_miou", outcome.finalEvaluation().meanIou());
            figures.put("final_miou_absent_as_zero", outcome.finalEvaluation().meanIouAbsentAsZero());
            figures.put("final_rare_miou", outcome.finalEvaluation()
                    .meanIou(outcome.rareClasses(), AbsentClassPolicy.PRESENT));
            figures.put("best_miou", outcome.bestMeanIou());
            figures.put("best_iteration", outcome.bestIteration());
            terminal.write(manifest.end("finished", null, OffsetDateTime.now().toString(), figures));
            return outcome;
        } catch (TrainingDivergedException e) {
            Path last = recorder[0] == null ? null : recorder[0].lastCheckpoint();
            TrainingDivergedException advised = e.withAdvice(last == null
                    ? "no checkpoint was written yet; start again with a lower optimizer.lr"
                    : "last good checkpoint: " + last + " (resume with dropclass train --resume "
                            + run.root() + ", e.g. with a lower optimizer.lr=...)");
            terminal.fail(manifest, advised);
            throw advised;
        } catch (IOException | RuntimeException | Error e) {
            terminal.fail(manifest, e);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it owns the manifest now
            }
        }
    }

    /**
     * The end of a run's manifest, written once: the first terminal status (finished, failed,
     * interrupted) wins and later ones are dropped. Writes are serialised, so the signal hook waits
     * for a terminal write in progress instead of racing it.
     */
    static final class TerminalStatus {
        private final RunDirectory run;
        private boolean written;

        TerminalStatus(RunDirectory run) {
            this.run = run;
        }

        /**
         * Writes an ended manifest unless a terminal status was already written.
         *
         * @param ended the manifest with its terminal status
         * @return whether it was written
         * @throws IOException if writing fails (the status then counts as not written)
         */
        synchronized boolean write(RunManifest ended) throws IOException {
            if (written) {
                return false;
            }
            run.writeManifest(ended);
            written = true;
            return true;
        }

        /**
         * Marks the run failed with an error's message; if the manifest cannot be written (a full
         * disk), that failure is added to the error as suppressed: the error is the one to report.
         *
         * @param manifest the running manifest
         * @param error what ended the run
         */
        void fail(RunManifest manifest, Throwable error) {
            try {
                write(manifest.end("failed", String.valueOf(error.getMessage()),
                        OffsetDateTime.now().toString(), Map.of()));
            } catch (IOException | RuntimeException manifestFailed) {
                error.addSuppressed(manifestFailed);
            }
        }
    }

    private static TrainingOutcome trainInto(
            ExperimentConfig config,
            RunDirectory run,
            SegmentationDataset train,
            SegmentationDataset val,
            PrintStream console,
            boolean interactive,
            StateCheckpoints.Loaded resumeFrom,
            RunRecorder[] recorderOut)
            throws IOException {
        ClassStatistics stats = ClassStatistics.compute(train, config.runtime().loaderThreads());
        Datasets.writeStatistics(run.file("class_stats.json"), stats, config.data().dataset(), "train");
        Set<Integer> rare = Datasets.rareClasses(stats);
        long seed = config.runtime().seed();
        int start = resumeFrom == null ? 0 : resumeFrom.state().iteration();
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = Networks.create(config, train.classes().size());
            if (resumeFrom == null) {
                Networks.initialize(config, network, manager)
                        .ifPresent(summary -> console.println(summary));
            } else {
                // shapes and arrays; values below
                network.initializeParameters(manager, seed, Networks.format(config));
            }
            var tc = config.train();
            SegmentationPredictor predictor =
                    new SegmentationPredictor(network, ImageNormalization.IMAGENET);
            TrainingProgress progress = new TrainingProgress(console, interactive, tc.iterations());
            EvaluationMode mode = Augmentations.evaluation(config.evaluation());
            var officialFrames = CityscapesOfficial.frames(config, val,
                    w -> console.println("warning: " + w));
            SegmentationTrainer.Validator validator = () -> CityscapesOfficial.evaluate(
                    predictor, val, config.evaluation().batchSize(), manager, mode,
                    officialFrames);
            RunRecorder recorder;
            try (BatchLoader loader = Datasets.trainingLoader(config, train, start);
                    TrainingSetup setup = TrainingSetup.create(config, network,
                            Datasets.classWeights(config, train, stats),
                            loader.epochOf(tc.iterations() - 1) + 1, OptionalInt.empty(),
                            manager)) {
                var schedule = new SegmentationTrainer.Schedule(tc.iterations(),
                        tc.validationInterval(), tc.logInterval(), setup.learningRate(),
                        tc.checkpointInterval(), TrainingSetup.nonFinitePolicy(tc));
                long samplerSeed = Networks.samplerSeed(seed);
                recorder = new RunRecorder(run, network, train.classes(), rare, progress,
                        new RunRecorder.Checkpointing(new StateCheckpoints(run.checkpoints()),
                                setup.sgd(), tc.keepCheckpoints(), seed, configHash(config),
                                samplerSeed, setup.learningRate()));
                recorderOut[0] = recorder;
                int skipped = 0;
                if (resumeFrom != null) {
                    StateCheckpoints.restore(resumeFrom, network, setup.sgd(), manager);
                    Networks.positionRandomStreams(network, start);
                    recorder.resumeFrom(resumeFrom.state(), resumeFrom.file(),
                            TrainingHistory.read(run.root(), start));
                    skipped = resumeFrom.state().skippedSteps();
                }
                new SegmentationTrainer(setup.step(), schedule, validator, recorder)
                        .fit(manager, loader, start, skipped);
            }
            SegmentationEvaluation last = recorder.latest() != null
                    ? recorder.latest()
                    : validator.validate(); // resumed from the final checkpoint: nothing trained
            EvaluationJson.write(run.file("metrics.json"), last);
            RunAnalysis.write(run.file("analysis"), network, val, stats, mode, manager);
            return new TrainingOutcome(run.root(), last, rare,
                    recorder.bestMeanIou(), recorder.bestIteration());
        }
    }
}
