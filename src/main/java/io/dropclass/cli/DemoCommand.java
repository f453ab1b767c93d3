package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.ComparisonTable;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.experiment.Experiment;
import io.dropclass.experiment.RunDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dropclass demo}: trains HRNetV2-W18-Small-v1 on the embedded synthetic street scenes twice,
 * with the baseline and with DropClass (same data, schedule and seed), and prints their per-class
 * IoU side by side. The configurations ship in the jar and in the repository's experiments/.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train HRNetV2-W18-Small-v1 on the embedded synthetic street scenes with the"
                + " baseline and with DropClass, and compare their per-class IoU (under 10 minutes"
                + " on 2 CPU cores). Overrides apply to both runs.")
final class DemoCommand implements Callable<Integer> {

    /** The embedded configurations, in run order. */
    static final Map<String, String> CONFIGS = Map.of(
            "baseline", "experiments/synthetic_hrnet-w18s-v1_baseline_demo.json",
            "dropclass", "experiments/synthetic_hrnet-w18s-v1_dropclass_demo.json");

    @Mixin CommonOptions options;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        Path root = options.output != null ? options.output : RunDirectory.defaultPath("demo");
        Map<String, SegmentationEvaluation> evaluations = new LinkedHashMap<>();
        Set<Integer> rare = Set.of();
        for (String method : new String[] {"baseline", "dropclass"}) {
            ExperimentConfig config = options.resolve(ConfigFiles.fromResource(CONFIGS.get(method)));
            System.err.println("== " + method + ": " + config.name());
            Experiment.TrainingOutcome outcome = Experiment.train(config, root.resolve(method),
                    DropClassCli.arguments, System.err, System.console() != null);
            evaluations.put(method, outcome.finalEvaluation());
            rare = outcome.rareClasses();
            System.err.printf("%s: final mIoU %.2f %%, run directory %s%n", method,
                    100 * outcome.finalEvaluation().meanIou(), outcome.runDirectory());
        }
        System.out.println();
        System.out.print(ComparisonTable.format(evaluations, rare));
        System.out.println("(one seed: differences of a few points can be seed noise)");
        System.out.println("runs: " + root.resolve("baseline") + ", " + root.resolve("dropclass"));
        return 0;
    }
}
