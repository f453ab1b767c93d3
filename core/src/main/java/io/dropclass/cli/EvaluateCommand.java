package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.EvaluationTable;
import io.dropclass.evaluation.cityscapes.CityscapesTable;
import io.dropclass.experiment.Inference;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass evaluate}: per-class IoU of a checkpoint on the validation split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint on the validation split: per-class IoU, mIoU (both"
                + " absent-class policies), pixel and mean class accuracy; writes metrics.json."
                + " On a Cityscapes split with gtFine labelIds and instanceIds also the official"
                + " class and category IoU and iIoU; writes cityscapes_results.json.")
final class EvaluateCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A .safetensors checkpoint (e.g. runs/x/checkpoints/best.safetensors).")
    Path checkpoint;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        ExperimentConfig config = options.resolveRun(checkpoint);
        Path output = options.outputOr(() -> Inference.defaultOutput(checkpoint));
        Inference.Evaluated result = Inference.evaluate(config, checkpoint, output,
                executor.partitions(1));
        Warnings.print(result.warnings());
        System.out.print(EvaluationTable.format(result.evaluation(), result.rareClasses()));
        if (result.evaluation().cityscapes() != null) {
            System.out.print(CityscapesTable.format(result.evaluation().cityscapes().scores()));
        }
        WrittenFiles written = new WrittenFiles().add("metrics", result.metricsFile());
        result.cityscapesFile().ifPresent(f -> written.add("cityscapes results", f));
        written.print(System.out);
        return 0;
    }
}
