package io.dropclass.config;

import static io.dropclass.config.ConfigException.require;

import io.dropclass.loss.LabelSmoothing;
import io.dropclass.loss.PixelLoss;
import io.dropclass.method.DropClassMethod;
import io.dropclass.method.LossMethod;
import io.dropclass.method.Method;
import io.dropclass.method.SamplingUnit;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * The training method, and the settings of the imbalance baselines (DropClass's own are the {@code
 * dropclass} section, {@link DropClassConfig}).
 *
 * @param name which method: {@link Name}
 * @param focalGamma γ of the focal loss
 * @param ohemThreshold OHEM's probability threshold
 * @param ohemMinKept OHEM's minimum of kept pixels per batch
 * @param lovaszCeWeight weight of the cross-entropy added to Lovász-softmax (0: Lovász alone)
 * @param labelSmoothing ε of label smoothing, in [0, 1)
 */
public record MethodConfig(
        Name name,
        double focalGamma,
        double ohemThreshold,
        int ohemMinKept,
        double lovaszCeWeight,
        double labelSmoothing) {

    /**
     * The methods this build trains: the one list of them, each with how its {@link Method} is
     * made from the configuration. A loss-based method is one constant here and its loss.
     */
    public enum Name {
        /** The network alone, class-weighted cross-entropy with {@code loss.class_weights}. */
        BASELINE((name, config) -> LossMethod.baseline()),
        /** Softmax focal loss, γ = {@code method.focal_gamma}, the class weights as α. */
        FOCAL((name, config) -> name.loss(PixelLoss.focal(config.method().focalGamma()))),
        /** HRNet's OHEM cross-entropy ({@code ohem_threshold}, {@code ohem_min_kept}). */
        OHEM((name, config) -> name.loss(PixelLoss.ohem(config.method().ohemThreshold(),
                config.method().ohemMinKept()))),
        /** Lovász-softmax plus {@code lovasz_ce_weight}·CE. */
        LOVASZ((name, config) -> name.loss(PixelLoss.lovasz(config.method().lovaszCeWeight()))),
        /** Cross-entropy against labels smoothed by ε = {@code method.label_smoothing}. */
        LABEL_SMOOTHING((name, config) ->
                name.loss(new LabelSmoothing(config.method().labelSmoothing()))),
        /** DropClass, with the {@code dropclass} section's settings. */
        DROPCLASS((name, config) -> dropClass(config));

        private final BiFunction<Name, ExperimentConfig, Method> factory;

        Name(BiFunction<Name, ExperimentConfig, Method> factory) {
            this.factory = factory;
        }

        /**
         * The method as configured.
         *
         * @param config the whole configuration (a method may read its section, the schedule's
         *     length and the seed)
         * @return the method
         */
        public Method create(ExperimentConfig config) {
            return factory.apply(this, config);
        }

        /**
         * The configuration name.
         *
         * @return e.g. {@code dropclass}
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        LossMethod loss(PixelLoss loss) {
            return new LossMethod(key(), loss);
        }

        private static Method dropClass(ExperimentConfig config) {
            DropClassConfig d = config.dropclass();
            return new DropClassMethod(d.alpha(), d.schedule(), d.endEpoch(),
                    config.train().iterations(),
                    d.perImage() ? SamplingUnit.IMAGE : SamplingUnit.BATCH,
                    d.sampling() == DropClassConfig.Sampling.PRESENT, d.inferenceBranch(),
                    DropClassMethod.samplerSeed(config.runtime().seed()), OptionalInt.empty());
        }
    }

    /** Validates every field; messages name the key. */
    public MethodConfig {
        require(name != null, "name", "is null; use one of " + ConfigFiles.choices(Name.class));
        require(focalGamma >= 0, "focal_gamma", "got " + focalGamma + "; use a non-negative value");
        require(ohemThreshold > 0 && ohemThreshold <= 1, "ohem_threshold",
                "got " + ohemThreshold + "; use a value in (0, 1]");
        require(ohemMinKept >= 0, "ohem_min_kept",
                "got " + ohemMinKept + "; use a non-negative value");
        require(lovaszCeWeight >= 0, "lovasz_ce_weight",
                "got " + lovaszCeWeight + "; use a non-negative value");
        require(labelSmoothing >= 0 && labelSmoothing < 1, "label_smoothing",
                "got " + labelSmoothing + "; use a value in [0, 1), e.g. 0.1");
    }

    /** Defaults: DropClass; the baselines' settings as their papers and HRNet use them. */
    public static MethodConfig defaults() {
        return new MethodConfig(Name.DROPCLASS, 2.0, 0.7, 100_000, 1.0, 0.1);
    }

    /** Whether the DropClass head is used. */
    public boolean usesDropClass() {
        return name == Name.DROPCLASS;
    }
}
