package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass predict}: label maps for images, as palette PNGs and colour overlays. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict images (files or folders of PNG/JPEG/BMP): writes NAME.png, a"
                + " palette-indexed mask whose index is the class id, and NAME_overlay.png.")
final class PredictCommand implements Callable<Integer> {

    @Mixin CommonOptions options;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A .safetensors checkpoint.")
    Path checkpoint;

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = options.positionals().stream().map(Path::of).toList();
        if (inputs.isEmpty()) {
            throw new UserError(
                    "predict: no images; give image files or folders after the options");
        }
        if (options.output == null) {
            throw new UserError("predict: no --output; give --output DIR for the masks");
        }
        ExperimentConfig config = options.resolve(Inference.runConfig(checkpoint));
        List<Path> written = Inference.predict(config, checkpoint, inputs, options.output);
        System.out.println("predicted " + written.size() + " image(s): NAME.png (class ids) and"
                + " NAME_overlay.png each");
        new WrittenFiles().add("masks and overlays", options.output).print(System.out);
        return 0;
    }
}
