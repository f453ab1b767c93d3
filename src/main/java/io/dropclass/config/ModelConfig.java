package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;

/**
 * The network, and the weights it starts from.
 *
 * @param architecture {@code hrnet_w18_small_v1}, {@code hrnet_w18_small_v2}, {@code hrnet_w48}
 *     (HRNetV2, docs/method.md §10.2) or {@code deeplabv3_mobilenet_v3_large} (torchvision's, §10.3)
 * @param pretrained a safetensors file to initialise the network from, or "" for none
 * @param pretrainedFormat the naming scheme of that file: {@code auto} (detected from the names),
 *     {@code official} (HRNet/DropClass checkpoints, HRNet ImageNet checkpoints), {@code timm} or
 *     {@code torchvision}
 * @param pretrainedPartial accept missing or shape-mismatched tensors (e.g. a new classifier for
 *     another class count); otherwise a mismatch stops the run
 */
public record ModelConfig(
        String architecture, String pretrained, String pretrainedFormat, boolean pretrainedPartial) {

    /** The architectures this build knows. */
    public static final String[] ARCHITECTURES = {
        "hrnet_w18_small_v1", "hrnet_w18_small_v2", "hrnet_w48", "deeplabv3_mobilenet_v3_large"
    };

    /** Validates the names. */
    public ModelConfig {
        oneOf(architecture, "architecture", ARCHITECTURES);
        ConfigException.require(pretrained != null, "pretrained",
                "is null; give a file path or \"\"");
        oneOf(pretrainedFormat, "pretrained_format", "auto", "official", "timm", "torchvision");
    }

    /** Defaults: HRNetV2-W18-Small-v1, the paper's smallest model, from scratch. */
    public static ModelConfig defaults() {
        return new ModelConfig("hrnet_w18_small_v1", "", "auto", false);
    }
}
