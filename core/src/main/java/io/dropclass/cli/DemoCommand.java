package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.ComparisonTable;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.experiment.Comparison;
import io.dropclass.report.ReportBuilder;
import io.dropclass.run.RunDirectory;
import io.dropclass.scale.ExecutorCatalog;
import io.dropclass.scale.RunExecutor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dropclass demo}: the study's comparison made small (docs/evidence.md): the baseline
 * and DropClass, one seed, on the study's regime and from its shared warm start, through
 * {@code compare}'s code; per-class IoU side by side and the report. {@code dropclass study} with
 * the same output folder reuses these runs as its first seed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train HRNetV2-W18-Small-v1 on the embedded synthetic street scenes from the"
                + " shared warm start with the baseline and with DropClass (one seed of"
                + " 'dropclass study'), compare their per-class IoU and write an HTML report."
                + " The two runs train side by side in child processes, each on half the cores,"
                + " unless --executor or --threads says otherwise. Overrides apply to every run.")
final class DemoCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    /** The compared arms. */
    static final List<Comparison.Arm> ARMS =
            List.of(Comparison.Arm.of("baseline"), Comparison.Arm.of("dropclass"));

    /**
     * The --quick overrides: a smoke-sized comparison from the same warm start that checks the
     * pipeline, not the method.
     */
    static final String[] QUICK = {
        "train.iterations=40", "train.validation_interval=40", "train.log_interval=20",
        "data.val_images=20"
    };

    @Option(names = "--quick",
            description = "A smoke-sized demo: 40 steps per method, 20 validation images.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        RunExecutor trainer = executor.runs(); // a bad executor option fails before any training
        Path root = options.outputOr(() -> RunDirectory.defaultPath("demo"));
        ExperimentConfig base = options.resolve(ConfigFiles.fromResource(StudyCommand.PRESET),
                quick ? QUICK : new String[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        if (!executor.given() && base.runtime().threads() == 0 && cores >= 2) {
            // the two runs side by side, each on half the cores (docs/evidence.md §6)
            base = ConfigFiles.resolve(base, null, List.of("runtime.threads=" + cores / 2));
            trainer = executor.runs(ExecutorCatalog.PROCESSES, 2);
        }
        long seed = base.runtime().seed();
        Comparison.Result result = Comparison.run(base,
                new Comparison.Plan(ARMS, List.of(seed), "median_frequency", "comparison.json"),
                root, trainer, System.err);
        Map<String, SegmentationEvaluation> evaluations = new LinkedHashMap<>();
        result.evaluations().forEach((arm, runs) -> evaluations.put(arm, runs.get(0)));
        System.out.println();
        System.out.print(ComparisonTable.format(evaluations, result.rareClasses()));
        System.out.println("(one seed, " + seed + ": differences of a few points can be seed noise;"
                + " 'dropclass study' gives several)");
        List<Path> runs = ARMS.stream().map(a -> Comparison.runFolder(root, a, seed)).toList();
        Path report = root.resolve("report.html");
        ReportBuilder.build(runs, report);
        new WrittenFiles()
                .add("baseline run", runs.get(0))
                .add("dropclass run", runs.get(1))
                .add("report", report)
                .print(System.out);
        return 0;
    }
}
