package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.ComparisonTable;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.experiment.Experiment;
import io.dropclass.report.ReportBuilder;
import io.dropclass.run.RunDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropclass demo}: trains HRNetV2-W18-Small-v1 on the embedded synthetic street scenes
 * twice, with the baseline and with DropClass (same data, schedule and seed), and prints their
 * per-class IoU side by side. The configurations ship in the jar and in the repository's
 * experiments/.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train HRNetV2-W18-Small-v1 on the embedded synthetic street scenes with the"
                + " baseline and with DropClass, compare their per-class IoU and write an HTML"
                + " report (about 7 minutes on 2 CPU cores; --quick about 1). Overrides apply to"
                + " both runs.")
final class DemoCommand extends ConfiguredCommand {

    /** The embedded configurations, in run order. */
    static final Map<String, String> CONFIGS = Map.of(
            "baseline", "experiments/synthetic_hrnet-w18s-v1_baseline_demo.json",
            "dropclass", "experiments/synthetic_hrnet-w18s-v1_dropclass_demo.json");

    /** The --quick overrides: a smoke-sized comparison (under 3 minutes on 2 cores). */
    static final String[] QUICK = {
        "train.iterations=100", "train.validation_interval=100", "train.log_interval=25",
        "data.train_images=300", "data.val_images=20"
    };

    @Option(names = "--quick",
            description = "A smoke-sized demo: 100 steps per method, 20 validation images.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        Path root = options.outputOr(() -> RunDirectory.defaultPath("demo"));
        Map<String, SegmentationEvaluation> evaluations = new LinkedHashMap<>();
        Set<Integer> rare = Set.of();
        for (String method : new String[] {"baseline", "dropclass"}) {
            ExperimentConfig config = options.resolve(ConfigFiles.fromResource(CONFIGS.get(method)),
                    quick ? QUICK : new String[0]);
            System.err.println("== " + method + ": " + config.name());
            Experiment.TrainingOutcome outcome = Experiment.train(config, root.resolve(method),
                    DropClassCli.arguments, System.err, System.console() != null);
            evaluations.put(method, outcome.finalEvaluation());
            rare = outcome.rareClasses();
            System.err.printf("%s: final mIoU %.2f %%%n", method,
                    100 * outcome.finalEvaluation().meanIou());
        }
        System.out.println();
        System.out.print(ComparisonTable.format(evaluations, rare));
        System.out.println("(one seed: differences of a few points can be seed noise)");
        Path report = root.resolve("report.html");
        ReportBuilder.build(List.of(root.resolve("baseline"), root.resolve("dropclass")), report);
        new WrittenFiles()
                .add("baseline run", root.resolve("baseline"))
                .add("dropclass run", root.resolve("dropclass"))
                .add("report", report)
                .print(System.out);
        return 0;
    }
}
