package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import io.dropclass.report.image.PredictionFormat;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass predict}: label maps for images, in the formats asked for. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict images (files or folders of PNG/JPEG/BMP). By default writes"
                + " NAME.png, a palette-indexed mask whose index is the class id, and"
                + " NAME_overlay.png.")
final class PredictCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A .safetensors checkpoint.")
    Path checkpoint;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "trainid,overlay",
            description = "What to write per image, comma-separated (default: ${DEFAULT-VALUE}):"
                    + " trainid (NAME.png, palette, index = train id), color (NAME_color.png),"
                    + " overlay (NAME_overlay.png), cityscapes (<city>/NAME.png, grey, official"
                    + " label ids, for the Cityscapes evaluation script and server; alone; folders"
                    + " are searched recursively), voc (NAME.png, palette, index = class, the VOC"
                    + " colour map).")
    String format;

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = options.positionals().stream().map(Path::of).toList();
        if (inputs.isEmpty()) {
            throw new UserError(
                    "predict: no images; give image files or folders after the options");
        }
        Path output = options.requireOutput("predict", "DIR for the masks");
        List<PredictionFormat> formats = PredictionFormat.parse(format);
        ExperimentConfig config = options.resolveRun(checkpoint);
        Inference.Predicted result = Inference.predict(config, checkpoint, inputs, output,
                formats, executor.partitions(1));
        Warnings.print(result.warnings());
        long images = result.written().size() / formats.size();
        System.out.println("predicted " + images + " image(s) ("
                + String.join(", ", formats.stream().map(PredictionFormat::id).toList()) + ")");
        new WrittenFiles().add("predictions", output).print(System.out);
        return 0;
    }
}
