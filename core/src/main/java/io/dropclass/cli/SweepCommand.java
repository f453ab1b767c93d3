package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Sweep;
import io.dropclass.run.RunDirectory;
import io.dropclass.scale.RunExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass sweep}: a grid over configuration keys, times seeds, ranked by mIoU. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every combination of the given values of configuration keys"
                + " (key=v1,v2,... arguments; a key with one value is set for every run), once per"
                + " seed, in OUT/<setting>/seed-<s>; rank the settings by their mean validation"
                + " mIoU over the seeds and write sweep.json. Finished runs are reused. Values"
                + " that hold commas themselves (evaluation.scales) belong in --config.")
final class SweepCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    @Option(names = "--seeds", defaultValue = "1", description = "Number of seeds (default: 1).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "First seed (default: 1).")
    long firstSeed;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || seeds > 100) {
            throw new UserError("--seeds: got " + seeds + "; give a count between 1 and 100");
        }
        if (options.seed != null) {
            throw new UserError("--seed: a sweep trains every setting with --seeds seeds; use"
                    + " --first-seed and --seeds instead");
        }
        List<Sweep.Axis> axes = Sweep.axes(options.arguments);
        RunExecutor runs = executor.runs(); // a bad executor option fails before any training
        ExperimentConfig base = ConfigFiles.resolve(ExperimentConfig.defaults(), options.config,
                options.optionOverrides());
        EngineSettings.apply(base.runtime().effectiveThreads());
        List<Long> seedList = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            seedList.add(firstSeed + i);
        }
        Path root = options.outputOr(() -> RunDirectory.defaultPath("sweep"));
        Sweep.Result result = Sweep.run(base, axes, seedList, root, runs, System.err);
        System.out.print(result.table());
        new WrittenFiles()
                .add("sweep", root.resolve("sweep.json"))
                .add("runs (SETTING/seed-N)", root)
                .print(System.out);
        return 0;
    }
}
