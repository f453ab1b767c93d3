package io.dropclass.cli;

import io.dropclass.benchmark.BenchmarkSettings;
import io.dropclass.benchmark.Resolution;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.DataConfig;
import io.dropclass.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code dropclass bench}: what is measured ({@link BenchmarkSettings}) and the
 * configuration overrides they stand for (model, method, batch, crop, loader threads).
 */
final class BenchOptions {

    @Option(names = "--model", paramLabel = "NAME",
            description = "Architecture (model.architecture): hrnet_w18_small_v1,"
                    + " hrnet_w18_small_v2, hrnet_w48, deeplabv3_mobilenet_v3_large.")
    String model;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "baseline or dropclass (method.name); DropClass drops a class every"
                    + " step.")
    String method;

    @Option(names = "--batch", paramLabel = "N",
            description = "Images per step (train.batch_size).")
    Integer batch;

    @Option(names = "--crop", paramLabel = "HxW",
            description = "Training crop, e.g. 256x512 (data.crop_height, data.crop_width).")
    String crop;

    @Option(names = "--loader-threads", paramLabel = "N",
            description = "Background threads preparing batches (runtime.loader_threads).")
    Integer loaderThreads;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "Timed training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed training steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--inference", paramLabel = "HxW[,HxW...]|none", defaultValue = "1024x2048",
            description = "Inference sizes (default ${DEFAULT-VALUE}), or none.")
    String inference;

    @Option(names = "--inference-batch", paramLabel = "N", defaultValue = "1",
            description = "Images per inference forward (default ${DEFAULT-VALUE}).")
    int inferenceBatch;

    @Option(names = "--inference-runs", paramLabel = "N", defaultValue = "5",
            description = "Timed inference runs per size (default ${DEFAULT-VALUE}).")
    int inferenceRuns;

    @Option(names = "--rss-every", paramLabel = "N", defaultValue = "0",
            description = "Record the resident memory every N timed steps (default 0: off).")
    int rssEvery;

    @Option(names = "--matmul", paramLabel = "N", defaultValue = "2048",
            description = "Size of the N x N float32 matrix product (default ${DEFAULT-VALUE}).")
    int matmul;

    @Option(names = "--profile", paramLabel = "ROWS", defaultValue = "0",
            description = "After the timed steps, run one more under the engine's profiler and list"
                    + " its ROWS costliest operators by self time (default 0: no profile).")
    int profile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    /** The measurement settings; a bad value is a user error naming its option. */
    BenchmarkSettings settings() {
        List<Resolution> sizes;
        try {
            sizes = Resolution.parseList(inference);
        } catch (IllegalArgumentException e) {
            throw new UserError("--inference: " + e.getMessage() + " (or none)");
        }
        try {
            return new BenchmarkSettings(steps, warmup, sizes, inferenceBatch, inferenceRuns,
                    rssEvery, matmul, profile);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The configuration: defaults, --config, overrides, then these options. A synthetic image
     * smaller than the crop is enlarged to it.
     *
     * @param options the shared options (--config, --threads, key=value)
     */
    ExperimentConfig resolve(CommonOptions options) throws IOException {
        Overrides own = new Overrides()
                .add("model.architecture", model)
                .add("method.name", method)
                .add("train.batch_size", batch)
                .add("runtime.loader_threads", loaderThreads);
        if (crop != null) {
            Resolution size;
            try {
                size = Resolution.parse(crop);
            } catch (IllegalArgumentException e) {
                throw new UserError("--crop: expected HxW, e.g. 256x512, got '" + crop + "'");
            }
            List<String> before = new ArrayList<>(options.overrides());
            before.addAll(own.list());
            DataConfig data = ConfigFiles.resolve(ExperimentConfig.defaults(), options.config,
                    before).data();
            if (data.synthetic()
                    && (size.height() > data.height() || size.width() > data.width())) {
                own.add("data.height", Math.max(size.height(), data.height()))
                        .add("data.width", Math.max(size.width(), data.width()));
            }
            own.add("data.crop_height", size.height()).add("data.crop_width", size.width());
        }
        return options.resolve(ExperimentConfig.defaults(), own.array());
    }
}
