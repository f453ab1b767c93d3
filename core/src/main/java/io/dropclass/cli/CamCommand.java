package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropclass cam}: Grad-CAM of one class on one image. */
@Command(name = "cam", mixinStandardHelpOptions = true,
        description = "Grad-CAM for segmentation: the heat map of one class on one image (target:"
                + " the sum of the class's logits over its predicted mask, or over its"
                + " ground-truth mask with --mask), at the feature map A in front of the"
                + " classifier; writes IMAGE_cam_CLASS.png.")
final class CamCommand extends ConfiguredCommand {

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A .safetensors checkpoint of a run.")
    Path checkpoint;

    @Option(names = "--class", required = true, paramLabel = "NAME|ID",
            description = "The class, by name (e.g. rider, traffic_light) or train id.")
    String className;

    @Option(names = "--mask", paramLabel = "FILE",
            description = "A label PNG of the image (train ids): ground-truth target.")
    Path mask;

    @Override
    public Integer call() throws Exception {
        List<String> images = options.positionals();
        if (images.size() != 1) {
            throw new UserError("cam: got " + images.size() + " images; give exactly one IMAGE");
        }
        Path output = options.requireOutput("cam", "DIR for the heat maps");
        ExperimentConfig config = options.resolveRun(checkpoint);
        Inference.Cam cam =
                Inference.cam(config, checkpoint, Path.of(images.get(0)), className, mask, output);
        System.out.println(cam.summary());
        new WrittenFiles().add("heat map", cam.file()).print(System.out);
        return 0;
    }
}
