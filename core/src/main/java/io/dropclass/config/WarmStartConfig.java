package io.dropclass.config;

import static io.dropclass.config.ConfigException.require;

/**
 * A shared warm start: the embedded benchmark's analogue of fine-tuning from an ImageNet backbone
 * (docs/evidence.md). Before a run, the baseline's cross-entropy trains the network for
 * {@code iterations} steps on training images of another seed; every method then starts from
 * those weights (a DropClass head's extra layers from their initial values) and trains its own
 * {@code train.iterations} steps. The warm start is trained once per configuration and reused.
 *
 * @param iterations steps of the warm start; 0: none (the network starts as {@code model} says)
 * @param lr the warm start's base learning rate (poly schedule over its own steps)
 * @param seed the warm start's seed: its initialisation, data order and, on synthetic data, its
 *     images (a seed other than the runs' gives images they never see)
 * @param trainImages synthetic: its distinct training images (0: {@code data.train_images})
 * @param embedded whether a warm start shipped with the toolkit for exactly this configuration is
 *     used instead of training it here (the study preset's is); false: always train it
 * @param weights the warm start's weights once found or trained ("" before): set when a run starts
 *     from them (then {@code model.pretrained} names the same file), so a run's config.json says
 *     where it started and a configuration that has it is not warm-started again
 */
public record WarmStartConfig(int iterations, double lr, long seed, int trainImages,
        boolean embedded, String weights) {

    /** Validates every field; messages name the key. */
    public WarmStartConfig {
        require(iterations >= 0, "iterations",
                "got " + iterations + "; use 0 (no warm start) or a positive step count");
        require(lr > 0 && Double.isFinite(lr), "lr", "got " + lr + "; use a positive number");
        require(trainImages >= 0, "train_images",
                "got " + trainImages + "; use 0 (data.train_images) or a positive count");
        require(weights != null, "weights", "is null; give a file path or \"\"");
    }

    /** Whether a warm start is configured. */
    public boolean enabled() {
        return iterations > 0;
    }

    /** Whether the run already starts from its warm start's weights. */
    public boolean applied() {
        return !weights.isEmpty();
    }

    /** Defaults: no warm start. */
    public static WarmStartConfig defaults() {
        return new WarmStartConfig(0, 0.05, 1000, 0, true, "");
    }
}
