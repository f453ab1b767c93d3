package io.dropclass.reference;

import io.dropclass.model.DeepLabV3;
import io.dropclass.model.HrNetSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The models a reference case may name, and which of them this project can build: the HRNetV2
 * family with the DropClass head ({@code hrnetv2_w18_small_v1}, {@code hrnetv2_w18_small_v2},
 * {@code hrnetv2_w48}; the {@code hrnet_*} spellings of {@link HrNetSpec#byName} too), and
 * torchvision's {@code deeplabv3_mobilenet_v3_large} ({@link DeepLabV3}). Other DeepLabV3 variants
 * (ResNet backbones) are reported as unsupported.
 */
public final class ReferenceModels {

    /** torchvision's builder name of the DeepLabV3 variant this project builds. */
    public static final String DEEPLABV3_MOBILENET_V3_LARGE = "deeplabv3_mobilenet_v3_large";

    private static final String SUPPORTED =
            "hrnetv2_w18_small_v1, hrnetv2_w18_small_v2, hrnetv2_w48, "
                    + DEEPLABV3_MOBILENET_V3_LARGE;

    private ReferenceModels() {}

    /**
     * Whether a model name belongs to the HRNet family (whose cases carry a DropClass step).
     *
     * @param model the {@code model} of case.json
     * @return true for names starting with {@code hrnet}
     */
    public static boolean isHrNet(String model) {
        return normalise(model).startsWith("hrnet");
    }

    /**
     * The HRNet architecture of a model name.
     *
     * @param model e.g. {@code hrnetv2_w18_small_v1}
     * @return the spec, or empty if this project cannot build the model
     */
    public static Optional<HrNetSpec> hrNetSpec(String model) {
        String key = normalise(model);
        if (key.startsWith("hrnetv2_")) {
            key = "hrnet_" + key.substring("hrnetv2_".length());
        }
        try {
            return Optional.of(HrNetSpec.byName(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a model name is torchvision's {@code deeplabv3_mobilenet_v3_large}.
     *
     * @param model the {@code model} of case.json
     * @return true if {@link DeepLabV3#mobileNetV3Large} builds it
     */
    public static boolean isDeepLabV3MobileNetV3Large(String model) {
        return normalise(model).equals(DEEPLABV3_MOBILENET_V3_LARGE);
    }

    /**
     * Why a model cannot be checked.
     *
     * @param model the {@code model} of case.json
     * @return a one-line message naming the supported models
     */
    public static String unsupportedReason(String model) {
        if (normalise(model).startsWith("deeplabv3")) {
            return "model "
                    + model
                    + " is not supported yet (of DeepLabV3, only "
                    + DEEPLABV3_MOBILENET_V3_LARGE
                    + " is built); supported: "
                    + SUPPORTED;
        }
        return "unknown model " + model + "; supported: " + SUPPORTED;
    }

    private static String normalise(String model) {
        return model.trim().toLowerCase(Locale.ROOT);
    }
}
