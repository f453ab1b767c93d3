package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.EvaluationTable;
import io.dropclass.experiment.Experiment;
import io.dropclass.experiment.RunConfigs;
import io.dropclass.experiment.WarmStart;
import io.dropclass.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropclass train}: trains a network as configured, then evaluates it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a segmentation network and evaluate it on the validation split.")
final class TrainCommand extends ConfiguredCommand {

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = MethodNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (method.name; default dropclass).")
    String method;

    @Option(names = "--pretrained", paramLabel = "FILE",
            description = "Initialise the network from a safetensors file (model.pretrained).")
    String pretrained;

    @Option(names = "--pretrained-format", paramLabel = "auto|official|timm|torchvision",
            description = "Naming scheme of --pretrained (model.pretrained_format; default auto).")
    String pretrainedFormat;

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_DIR", fallbackValue = "",
            description = "Continue a run from its newest intact training-state checkpoint "
                    + "(default: the most recently modified run under runs/), or from a given "
                    + "RUN_DIR/checkpoints/iter_N.safetensors. The run's config.json is the "
                    + "configuration; only optimizer.lr=X may be given.")
    String resume;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        options.requireOnlyOverrides();
        Overrides own = new Overrides()
                .add("method.name", method)
                .add("model.pretrained", pretrained)
                .add("model.pretrained_format", pretrainedFormat);
        ExperimentConfig config = options.resolve(ExperimentConfig.defaults(), own.array());
        return run(config, options.output);
    }

    private int resume() throws Exception {
        List<String> overrides = new ArrayList<>(options.arguments);
        String dir = resume;
        if (dir.matches(CommonOptions.OVERRIDE)) { // picocli took an override as RUN_DIR
            overrides.add(0, dir);
            dir = "";
        }
        if (options.config != null || options.output != null || options.seed != null
                || options.threads != null || options.dataset != null || options.root != null
                || options.strict
                || method != null || pretrained != null || pretrainedFormat != null) {
            throw new UserError("--resume: the run's config.json is its configuration;"
                    + " drop the other options (only optimizer.lr=X may be given)");
        }
        Double lr = null;
        for (String o : overrides) {
            if (!o.startsWith("optimizer.lr=")) {
                throw new UserError("--resume: '" + o + "' would change the run's configuration;"
                        + " only optimizer.lr=X may be given on resume");
            }
            try {
                lr = Double.parseDouble(o.substring("optimizer.lr=".length()));
            } catch (NumberFormatException e) {
                throw new UserError("--resume: " + o + ": not a number");
            }
        }
        Path run = dir.isEmpty() ? RunDirectory.latest(RunDirectory.defaultParent()) : Path.of(dir);
        Path checkpoint = null;
        if (Files.isRegularFile(run) && run.toString().endsWith(".safetensors")) {
            checkpoint = run; // RUN_DIR/checkpoints/iter_NNNNNN.safetensors
            Path parent = run.toAbsolutePath().getParent();
            run = parent == null || parent.getParent() == null ? run : parent.getParent();
        }
        if (!Files.isDirectory(run)) {
            throw new UserError("--resume " + run + ": no such run directory");
        }
        ExperimentConfig config = RunConfigs.read(run);
        if (checkpoint == null && RunDirectory.isFinished(run)) {
            System.out.println("run " + run + " is finished; nothing to resume");
            return 0;
        }
        EngineSettings.apply(config.runtime().effectiveThreads());
        Experiment.TrainingOutcome outcome = Experiment.resume(run, checkpoint, lr,
                DropClassCli.arguments,
                System.err, System.console() != null);
        return printOutcome(outcome);
    }

    /** Trains, prints the per-class table and what it wrote. */
    static int run(ExperimentConfig config, Path output) throws Exception {
        Path dir = output != null ? output : RunDirectory.defaultPath(config.name());
        // a warm start lives next to the run, where runs of other methods find and reuse it
        Path cache = dir.toAbsolutePath().getParent();
        ExperimentConfig started = WarmStart.apply(config, cache, System.err);
        Experiment.TrainingOutcome outcome = Experiment.train(started, dir,
                DropClassCli.arguments, System.err, System.console() != null);
        return printOutcome(outcome);
    }

    private static int printOutcome(Experiment.TrainingOutcome outcome) {
        System.out.println();
        System.out.print(EvaluationTable.format(outcome.finalEvaluation(), outcome.rareClasses()));
        System.out.printf("best mIoU %.2f %% at iteration %d%n", 100 * outcome.bestMeanIou(),
                outcome.bestIteration());
        Path run = outcome.runDirectory();
        new WrittenFiles()
                .add("run directory", run)
                .add("best checkpoint", run.resolve("checkpoints/best.safetensors"))
                .add("metrics", run.resolve("metrics.json"))
                .print(System.out);
        return 0;
    }
}
