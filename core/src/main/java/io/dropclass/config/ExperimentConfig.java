package io.dropclass.config;

import static io.dropclass.config.ConfigException.require;

/**
 * One experiment: data, model, loss, optimizer, schedule and runtime. Every field has a documented
 * default ({@link #defaults()}); a file or {@code key=value} overrides change only what they name.
 *
 * @param name a short name for the run directory and reports (letters, digits, '-', '_', '.')
 * @param data what to train and validate on
 * @param model the network
 * @param method which method, and the imbalance baselines' settings
 * @param dropclass DropClass's settings
 * @param loss the pixel loss
 * @param optimizer SGD and the learning-rate schedule
 * @param train the schedule in iterations
 * @param evaluation how whole images are predicted in validation and evaluate
 * @param runtime seed and threads
 * @param warmStart a shared cross-entropy warm start that the run starts from (none by default)
 */
public record ExperimentConfig(
        String name,
        DataConfig data,
        ModelConfig model,
        MethodConfig method,
        DropClassConfig dropclass,
        LossConfig loss,
        OptimizerConfig optimizer,
        TrainConfig train,
        EvaluationConfig evaluation,
        RuntimeConfig runtime,
        WarmStartConfig warmStart) {

    /** Validates the name; sections validate themselves. */
    public ExperimentConfig {
        require(name != null && name.matches("[A-Za-z0-9._-]{1,80}"), "name",
                "got '" + name + "'; use 1-80 letters, digits, '.', '_' or '-'");
    }

    /** The defaults of every section. */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig(
                "synthetic_hrnet-w18s-v1_dropclass",
                DataConfig.defaults(),
                ModelConfig.defaults(),
                MethodConfig.defaults(),
                DropClassConfig.defaults(),
                LossConfig.defaults(),
                OptimizerConfig.defaults(),
                TrainConfig.defaults(),
                EvaluationConfig.defaults(),
                RuntimeConfig.defaults(),
                WarmStartConfig.defaults());
    }
}
