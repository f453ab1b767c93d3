package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dropclass demo}: trains HRNetV2-W18-Small-v1 on the embedded synthetic street scenes with
 * the demo configuration (about 10 minutes on 2 CPU cores) and prints the per-class IoU table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train HRNetV2-W18-Small-v1 on the embedded synthetic street scenes and"
                + " report per-class IoU (about 10 minutes on 2 CPU cores).")
final class DemoCommand implements Callable<Integer> {

    /** The embedded demo configuration, also in the repository's experiments/ folder. */
    static final String CONFIG = "experiments/synthetic_hrnet-w18s-v1_baseline_demo.json";

    @Mixin CommonOptions options;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        ExperimentConfig base = ConfigFiles.fromResource(CONFIG);
        ExperimentConfig config = options.resolve(base);
        return TrainCommand.run(config, options.output);
    }
}
