package io.dropclass.config;

import io.dropclass.model.Architecture;
import io.dropclass.model.weights.WeightFormat;
import java.util.Optional;

/**
 * The network, and the weights it starts from.
 *
 * @param architecture {@code hrnet_w18_small_v1}, {@code hrnet_w18_small_v2}, {@code hrnet_w48}
 *     (HRNetV2, docs/method.md §10.2) or {@code deeplabv3_mobilenet_v3_large} (torchvision's,
 *     §10.3)
 * @param pretrained a safetensors file to initialise the network from, or "" for none
 * @param pretrainedFormat the naming scheme of that file: {@code auto} (detected from the names),
 *     {@code official} (HRNet/DropClass checkpoints, HRNet ImageNet checkpoints), {@code timm} or
 *     {@code torchvision}
 * @param pretrainedPartial accept missing or shape-mismatched tensors (e.g. a new classifier for
 *     another class count); otherwise a mismatch stops the run
 * @param pretrainedParts which of that file's tensors load: {@code all}, or {@code backbone} (the
 *     head keeps its initial values, as when fine-tuning from an ImageNet backbone)
 */
public record ModelConfig(
        Architecture architecture,
        String pretrained,
        PretrainedFormat pretrainedFormat,
        boolean pretrainedPartial,
        PretrainedParts pretrainedParts) {

    /** Which tensors of a pretrained file load. */
    public enum PretrainedParts {
        /** Every tensor the network has. */
        ALL,
        /**
         * The backbone's only: the head (HRNet's {@code last_layer}, DeepLabV3's {@code
         * classifier}, a DropClass head) starts from its initial values.
         */
        BACKBONE
    }

    /** The naming scheme of a pretrained file. */
    public enum PretrainedFormat {
        /** Detected from the tensor names. */
        AUTO,
        /** HRNet/DropClass checkpoints, HRNet ImageNet checkpoints. */
        OFFICIAL,
        /** timm's names. */
        TIMM,
        /** torchvision's names. */
        TORCHVISION;

        /**
         * The weight format, unless it is to be detected.
         *
         * @return the format, or empty for {@code auto}
         */
        public Optional<WeightFormat> weightFormat() {
            return this == AUTO ? Optional.empty() : Optional.of(WeightFormat.valueOf(name()));
        }
    }

    /** Validates the names.
    public ModelConfig {
        ConfigException.require(architecture != null, "architecture",
                "is null; use one of " + ConfigFiles.choices(Architecture.class));
        ConfigException.require(pretrained != null, "pretrained",
                "is null; give a file path or \"\"");
        ConfigException.require(pretrainedFormat != null, "pretrained_format",
                "is null; use one of " + ConfigFiles.choices(PretrainedFormat.class));
        ConfigException.require(pretrainedParts != null, "pretrained_parts",
                "is null; use one of " + ConfigFiles.choices(PretrainedParts.class));
    }

    /** Defaults: HRNetV2-W18-Small-v1, the paper's smallest model, from scratch. */
    public static ModelConfig defaults() {
        return new ModelConfig(Architecture.HRNET_W18_SMALL_V1, "", PretrainedFormat.AUTO, false,
                PretrainedParts.ALL);
    }
}
