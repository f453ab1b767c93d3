package io.dropclass.experiment;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.DropClassConfig;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.LossConfig;
import io.dropclass.config.WarmStartConfig;
import io.dropclass.results.AtomicFiles;
import io.dropclass.scale.RunTask;
import io.dropclass.scale.RunWork;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared warm start of {@code warm_start.*} (docs/evidence.md): cross-entropy trained for
 * {@code warm_start.iterations} steps on images of {@code warm_start.seed}, named by a hash of
 * everything that decides its weights. {@code train}, {@code compare}, {@code sweep}, {@code study}
 * and {@code demo} all go through {@link #apply}, so every method and seed of a comparison starts
 * from the same weights. Where they come from, in order:
 *
 * <ol>
 *   <li>a finished run directory {@code CACHE/warm-start-<hash>} (trained here before);
 *   <li>the toolkit's own copy, {@code experiments/warm-starts/<hash>.safetensors} in the jar (the
 *       study preset's ships with it, as a backbone's pretrained weights ship with a model zoo),
 *       unless {@code warm_start.embedded} is false; it is written to {@code
 *       CACHE/warm-start-<hash>.safetensors};
 *   <li>otherwise it is trained in {@code CACHE/warm-start-<hash>}.
 * </ol>
 */
public final class WarmStart {

    /** The warm start's run name (part of the hashed configuration). */
    static final String NAME = "warm_start";

    /** Where the toolkit's own warm starts are on the class path. */
    static final String EMBEDDED = "/experiments/warm-starts/";

    private WarmStart() {}

    /**
     * The configuration of the warm start itself: {@code base}'s data, model, evaluation and
     * optimizer, with the baseline's cross-entropy, the warm start's seed, learning rate, steps and
     * images, and one validation at its end. DropClass's and the loss's settings are reset, so
     * every method of a comparison maps to the same warm start.
     *
     * @param base a run's configuration, with {@code warm_start.iterations > 0}
     * @return the warm start's configuration (itself without a warm start)
     * @throws IOException if the overrides do not resolve
     */
    static ExperimentConfig warmConfig(ExperimentConfig base) throws IOException {
        WarmStartConfig w = base.warmStart();
        ExperimentConfig plain = new ExperimentConfig(NAME, base.data(), base.model(),
                base.method(), DropClassConfig.defaults(), LossConfig.defaults(), base.optimizer(),
                base.train(), base.evaluation(), base.runtime(), WarmStartConfig.defaults());
        int images = w.trainImages() > 0 ? w.trainImages() : base.data().trainImages();
        return ConfigFiles.resolve(plain, null, List.of(
                "method.name=baseline",
                "runtime.seed=" + w.seed(),
                "optimizer.lr=" + w.lr(),
                "train.iterations=" + w.iterations(),
                "train.validation_interval=" + w.iterations(),
                "train.checkpoint_interval=0",
                "train.precise_bn_batches=0", // the runs from it recalibrate their own
                "data.train_images=" + images));
    }

    /**
     * The name of the warm start of {@code base}: {@code warm-start-} and the first 12 hex digits
     * of the SHA-256 of its configuration, where what decides speed, logging and validation but not
     * the weights (threads, intervals, the number of validation images) is set to fixed values.
     *
     * @param base a run's configuration, with a warm start
     * @return the name
     * @throws IOException if the configuration does not resolve
     */
    static String name(ExperimentConfig base) throws IOException {
        ExperimentConfig key = ConfigFiles.resolve(warmConfig(base), null, List.of(
                "runtime.threads=0", "runtime.loader_threads=1", "train.log_interval=50",
                "train.validation_interval=1", "data.val_images=1"));
        return "warm-start-" + RunConfigs.sha256(key).substring(0, 12);
    }

    /** The run folder of the warm start of {@code base} under {@code cache}. */
    static Path folder(ExperimentConfig base, Path cache) throws IOException {
        return cache.resolve(name(base));
    }

    /**
     * Finds (or trains) the warm start of {@code config} and returns the configuration that starts
     * from it; a configuration without a warm start, or that already starts from it ({@code
     * warm_start.weights} set: a run a driver prepared for a child process), is returned as it is.
     * The result keeps {@code warm_start.*}, so a run's config.json says how it started.
     *
     * @param config a run's configuration
     * @param cache the folder that holds warm starts (shared by the runs of a comparison)
     * @param console progress
     * @return {@code config} with {@code model.pretrained} and {@code warm_start.weights} set to
     *     the warm start's weights
     * @throws IOException if the warm start cannot be trained or written
     */
    public static ExperimentConfig apply(ExperimentConfig config, Path cache, PrintStream console)
            throws IOException {
        if (!config.warmStart().enabled() || config.warmStart().applied()) {
            return config;
        }
        Path weights = weights(config, cache, console).toAbsolutePath();
        return ConfigFiles.resolve(config, null, List.of("model.pretrained=" + weights,
                "model.pretrained_format=auto", "warm_start.weights=" + weights));
    }

    private static Path weights(ExperimentConfig config, Path cache, PrintStream console)
            throws IOException {
        Path dir = folder(config, cache);
        if (!RunWork.isFinished(dir) && config.warmStart().embedded()) {
            Optional<Path> shipped = embedded(name(config), cache);
            if (shipped.isPresent()) {
                console.println("warm start: the toolkit's own, " + shipped.get());
                return shipped.get();
            }
        }
        // trained like any run of a grid: reused when finished, trained again when not
        ExperimentConfig warm = warmConfig(config);
        RunWork.run(new RunTask(NAME, warm.runtime().seed(), dir.toString(),
                ConfigFiles.toJson(warm)), Grids.inProcess(console, List.of("warm-start")),
                line -> console.println("warm start: " + line));
        return dir.resolve("checkpoints").resolve("last.safetensors");
    }

    /**
     * The toolkit's own warm start of this name, written once to {@code cache/<name>.safetensors}
     * (atomically: a partly written file is never taken for it).
     */
    static Optional<Path> embedded(String name, Path cache) throws IOException {
        Path file = cache.resolve(name + ".safetensors");
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        try (InputStream in = WarmStart.class.getResourceAsStream(EMBEDDED
                + name.substring("warm-start-".length()) + ".safetensors")) {
            if (in == null) {
                return Optional.empty();
            }
            Files.createDirectories(cache);
            AtomicFiles.write(file, in.readAllBytes());
            return Optional.of(file);
        }
    }
}
