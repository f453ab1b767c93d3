package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;

/**
 * The network.
 *
 * @param architecture {@code hrnet_w18_small_v1}, {@code hrnet_w18_small_v2} or {@code hrnet_w48}
 *     (HRNetV2, method.md §5.1)
 */
public record ModelConfig(String architecture) {

    /** The architectures this build knows. */
    public static final String[] ARCHITECTURES = {
        "hrnet_w18_small_v1", "hrnet_w18_small_v2", "hrnet_w48"
    };

    /** Validates the architecture name. */
    public ModelConfig {
        oneOf(architecture, "architecture", ARCHITECTURES);
    }

    /** Defaults: HRNetV2-W18-Small-v1, the paper's smallest model. */
    public static ModelConfig defaults() {
        return new ModelConfig("hrnet_w18_small_v1");
    }
}
