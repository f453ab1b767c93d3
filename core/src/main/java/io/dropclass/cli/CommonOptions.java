package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.experiment.Inference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Options every command shares: config file, output, seed, threads, the dataset (name, folder,
 * strict validation), overrides.
 */
final class CommonOptions {

    /** What an override looks like: a dotted lower-case key, {@code =}, a value. */
    static final String OVERRIDE = "[a-z_]+(\\.[a-z_]+)*=.*";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Experiment configuration (JSON, or YAML for .yaml/.yml).")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Option(names = "--seed", description = "Seed of every random source (runtime.seed).")
    Long seed;

    @Option(names = "--threads", description = "Engine threads, 0 = all cores (runtime.threads).")
    Integer threads;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "synthetic, cityscapes, voc, voc_aug, camvid or folder (data.dataset).")
    String dataset;

    @Option(names = "--root", paramLabel = "DIR",
            description = "The dataset's folder on disk (data.root).")
    String root;

    @Option(names = "--strict",
            description = "Stop at the first unusable sample of a dataset on disk instead of"
                    + " skipping it with a warning (data.strict=true).")
    boolean strict;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Overrides of configuration keys, e.g. train.iterations=200.")
    List<String> arguments = new ArrayList<>();

    /** Arguments that look like key=value overrides. */
    List<String> overrides() {
        List<String> list = new ArrayList<>(arguments.stream()
                .filter(a -> a.matches(OVERRIDE)).toList());
        list.addAll(optionOverrides());
        return list;
    }

    /** The overrides that the options stand for (--seed, --threads, --dataset, --root, ...). */
    List<String> optionOverrides() {
        return new Overrides()
                .add("runtime.seed", seed)
                .add("runtime.threads", threads)
                .add("data.dataset", dataset)
                .add("data.root", root)
                .flag("data.strict", strict)
                .list();
    }

    /**
     * The --output folder, which the command needs.
     *
     * @param command the command's name, for the error
     * @param what what to give, e.g. {@code DIR for the masks}
     * @throws UserError when --output was not given
     */
    Path requireOutput(String command, String what) {
        if (output == null) {
            throw new UserError(command + ": no --output; give --output " + what);
        }
        return output;
    }

    /**
     * The configuration of the run that wrote a checkpoint, with this command line's overrides
     * (see {@link #resolve}).
     */
    ExperimentConfig resolveRun(Path checkpoint) throws IOException {
        return resolve(Inference.runConfig(checkpoint));
    }

    /** The --output folder, or the command's default location when it was not given. */
    Path outputOr(Supplier<Path> fallback) {
        return output != null ? output : fallback.get();
    }

    /** Arguments that are not overrides (inputs of predict; an error elsewhere). */
    List<String> positionals() {
        return arguments.stream().filter(a -> !a.matches(OVERRIDE)).toList();
    }

    /** Fails when arguments other than overrides were given. */
    void requireOnlyOverrides() {
        List<String> rest = positionals();
        if (!rest.isEmpty()) {
            throw new UserError("unexpected argument '" + rest.get(0)
                    + "': not an option or override; write overrides as key=value"
                    + " (e.g. train.iterations=200)");
        }
    }

    /**
     * Resolves the configuration from a base, the --config file, the overrides and the command's
     * own options (as overrides, applied last), then applies the thread setting to the engine
     * (before the engine starts).
     */
    ExperimentConfig resolve(ExperimentConfig base, String... extraOverrides) throws IOException {
        List<String> all = new ArrayList<>(overrides());
        all.addAll(List.of(extraOverrides));
        ExperimentConfig config = ConfigFiles.resolve(base, this.config, all);
        EngineSettings.apply(config.runtime().effectiveThreads());
        return config;
    }
}
