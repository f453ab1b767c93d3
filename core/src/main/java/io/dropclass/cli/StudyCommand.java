package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Study;
import io.dropclass.run.RunDirectory;
import io.dropclass.scale.RunExecutor;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dropclass study}: the evidence study of docs/evidence.md, a preset over {@code compare}
 * (the configuration ships in the jar and in experiments/).
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "The evidence study (docs/evidence.md): the baseline, DropClass and"
                + " class-weighted cross-entropy over several seeds from one shared warm start,"
                + " on the benchmark regime of experiments/" + StudyCommand.PRESET_FILE + ";"
                + " the shift split, the inference-branch, schedule, alpha, sampling and precise-BN"
                + " ablations, and the report. Finished runs are reused. Overrides apply to"
                + " every run; --executor processes or spark trains several runs at once.")
final class StudyCommand extends ConfiguredCommand {

    /** The preset's file name. */
    static final String PRESET_FILE = "synthetic_hrnet-w18s-v1_study.json";

    /** The preset. */
    static final String PRESET = "experiments/" + PRESET_FILE;

    /** The --quick overrides: a smoke-sized study of tiny images (for tests). */
    static final String[] QUICK = {
        "data.height=32", "data.width=64", "data.crop_height=32", "data.crop_width=64",
        "data.train_images=16", "data.val_images=4", "train.iterations=4",
        "train.validation_interval=4", "train.log_interval=2", "train.batch_size=4",
        "warm_start.iterations=4", "warm_start.train_images=16", "evaluation.batch_size=4",
        "train.precise_bn_batches=2"
    };

    @Mixin ExecutorOptions executor;

    @Mixin ComparisonOptions comparison;

    @Option(names = "--quick",
            description = "A smoke-sized study on 32x64 images: checks the pipeline, not the"
                    + " method.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        RunExecutor runs = executor.runs(); // a bad executor option fails before any training
        ExperimentConfig base = options.resolve(ConfigFiles.fromResource(PRESET),
                quick ? QUICK : new String[0]);
        String weights = comparison.weightScheme(base); // checked before any training
        List<Long> seedList = comparison.seedList();
        Path root = options.outputOr(() -> RunDirectory.defaultPath("study"));
        Study.Result result = Study.run(base, seedList, weights, root, runs, System.err);
        System.out.println(result.text());
        new WrittenFiles()
                .add("tables", root.resolve("study.md"))
                .add("report", result.report())
                .add("runs (ARM/seed-N)", root)
                .print(System.out);
        return 0;
    }
}
