package io.dropclass.cli;

import io.dropclass.benchmark.BenchmarkJson;
import io.dropclass.benchmark.BenchmarkReport;
import io.dropclass.benchmark.BenchmarkSettings;
import io.dropclass.benchmark.BenchmarkTable;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Benchmark;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dropclass bench}: training throughput with its phases, inference throughput, FLOPs, the
 * matrix-product ceiling and memory of a configured model and method; a table and optional JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and inference throughput, FLOPs, the matmul ceiling and"
                + " memory of a model and method (a table, and JSON with --json).")
final class BenchCommand extends ConfiguredCommand {

    @Mixin BenchOptions bench;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        if (options.output != null) {
            throw new UserError("--output: bench writes no run directory; use --json FILE");
        }
        BenchmarkSettings settings = bench.settings();
        if (bench.json != null && Files.isDirectory(bench.json)) {
            throw new UserError(
                    "--json " + bench.json + ": is a folder; name a file, e.g. bench.json");
        }
        ExperimentConfig config = bench.resolve(options);
        BenchmarkReport report = Benchmark.run(config, settings, System.err::println);
        System.out.print(BenchmarkTable.format(report));
        if (bench.json != null) {
            BenchmarkJson.write(bench.json, report);
            new WrittenFiles().add("figures (JSON)", bench.json).print(System.out);
        }
        return 0;
    }
}
