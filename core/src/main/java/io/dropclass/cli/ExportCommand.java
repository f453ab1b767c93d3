package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import io.dropclass.model.weights.ExportFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropclass export}: a checkpoint as safetensors under the official or torchvision names.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained checkpoint as safetensors under reference names, for"
                + " PyTorch's load_state_dict(strict=True): official (HRNet/DropClass code, with"
                + " num_batches_tracked) or torchvision (DeepLabV3, without the DropClass head).")
final class ExportCommand extends ConfiguredCommand {

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A .safetensors checkpoint of a run.")
    Path checkpoint;

    @Option(names = "--format", required = true, paramLabel = "official|torchvision",
            description = "The naming scheme to write.")
    String format;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        Path output = options.requireOutput("export", "FILE.safetensors");
        ExportFormat exportFormat = ExportFormat.parse(format);
        ExperimentConfig config = options.resolveRun(checkpoint);
        System.out.println(Inference.export(config, checkpoint, output, exportFormat));
        return 0;
    }
}
