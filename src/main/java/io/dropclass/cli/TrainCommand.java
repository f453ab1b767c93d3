package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.EvaluationTable;
import io.dropclass.experiment.Experiment;
import io.dropclass.experiment.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass train}: trains a network as configured, then evaluates it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a segmentation network and evaluate it on the validation split.")
final class TrainCommand implements Callable<Integer> {

    @Mixin CommonOptions options;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "dropclass (default), baseline, focal, ohem or lovasz (method.name).")
    String method;

    @Option(names = "--pretrained", paramLabel = "FILE",
            description = "Initialise the network from a safetensors file (model.pretrained).")
    String pretrained;

    @Option(names = "--pretrained-format", paramLabel = "auto|official|timm|torchvision",
            description = "Naming scheme of --pretrained (model.pretrained_format; default auto).")
    String pretrainedFormat;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        List<String> own = new ArrayList<>();
        if (method != null) {
            own.add("method.name=" + method);
        }
        if (pretrained != null) {
            own.add("model.pretrained=" + pretrained);
        }
        if (pretrainedFormat != null) {
            own.add("model.pretrained_format=" + pretrainedFormat);
        }
        ExperimentConfig config =
                options.resolve(ExperimentConfig.defaults(), own.toArray(String[]::new));
        return run(config, options.output);
    }

    /** Trains, prints the per-class table and the run directory. */
    static int run(ExperimentConfig config, Path output) throws Exception {
        Path dir = output != null ? output : RunDirectory.defaultPath(config.name());
        Experiment.TrainingOutcome outcome = Experiment.train(config, dir,
                DropClassCli.arguments, System.err, System.console() != null);
        System.out.println();
        System.out.print(EvaluationTable.format(outcome.finalEvaluation(), outcome.rareClasses()));
        System.out.printf("best mIoU %.2f %% at iteration %d%n", 100 * outcome.bestMeanIou(),
                outcome.bestIteration());
        System.out.println("run directory: " + outcome.runDirectory());
        return 0;
    }
}
