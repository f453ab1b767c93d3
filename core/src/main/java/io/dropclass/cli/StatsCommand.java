package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass stats}: per-class pixel statistics of a dataset split. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-class pixel share, image count and class weights of a dataset split;"
                + " prints a table and writes class_stats.json and class_stats.png"
                + " (log-scale bars).")
final class StatsCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    @Option(names = "--split", defaultValue = "train",
            description = "The split, e.g. train, val (synthetic: train, val or shift;"
                    + " default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        ExperimentConfig config = options.resolve(ExperimentConfig.defaults());
        Path output = options.outputOr(() -> Path.of("."));
        Inference.Statistics stats = Inference.statistics(config, split, output,
                executor.partitions(config.runtime().effectiveThreads()));
        Warnings.print(stats.warnings());
        System.out.print(stats.table());
        new WrittenFiles().add("statistics", stats.file()).add("chart", stats.chart())
                .print(System.out);
        return 0;
    }
}
