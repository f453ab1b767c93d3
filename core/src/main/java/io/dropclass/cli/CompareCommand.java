package io.dropclass.cli;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Comparison;
import io.dropclass.run.RunDirectory;
import io.dropclass.scale.RunExecutor;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dropclass compare}: several methods over several seeds, against the baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train and evaluate several methods on the same data, model and schedule"
                + " over several seeds; per-class IoU as mean ± std and each method's paired"
                + " difference to the baseline, saying when it is within seed noise."
                + " Finished runs are reused, so an interrupted comparison resumes. --executor"
                + " processes or spark trains several runs at once, each in its own JVM, with the"
                + " same results.")
final class CompareCommand extends ConfiguredCommand {

    @Mixin ExecutorOptions executor;

    @Mixin ComparisonOptions comparison;

    @Option(names = "--methods", split = ",", paramLabel = "M,M,...",
            description = "Methods (default: all this build knows).")
    List<String> methods;

    @Override
    public Integer call() throws Exception {
        options.requireOnlyOverrides();
        RunExecutor runs = executor.runs(); // a bad executor option fails before any training
        List<String> chosen = methods == null ? Comparison.knownMethods() : methods;
        for (String m : chosen) {
            if (!Comparison.knownMethods().contains(m)) {
                throw new UserError("--methods: unknown method '" + m + "'; use some of "
                        + String.join(", ", Comparison.knownMethods()));
            }
        }
        ExperimentConfig base = options.resolve(ExperimentConfig.defaults());
        String weights = comparison.weightScheme(base); // checked before any training
        List<Long> seedList = comparison.seedList();
        Path root = options.outputOr(() -> RunDirectory.defaultPath("compare"));
        Comparison.Result result = Comparison.run(base,
                Comparison.Plan.ofMethods(chosen, seedList, weights), root, runs, System.err);
        System.out.print(result.summary());
        new WrittenFiles()
                .add("per-class table", root.resolve("comparison.txt"))
                .add("comparison", root.resolve("comparison.json"))
                .add("runs (METHOD/seed-N)", root)
                .print(System.out);
        return 0;
    }
}
