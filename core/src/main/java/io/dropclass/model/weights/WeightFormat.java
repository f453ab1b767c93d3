package io.dropclass.model.weights;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The naming scheme of a pretrained checkpoint.
 *
 * <ul>
 *   <li>{@link #OFFICIAL}: our own names, which are the official HRNet segmentation names ({@code
 *       conv1.weight}, {@code stage2.0.fuse_layers.1.0.0.weight}, {@code last_layer.0.weight},
 *       {@code _classifier.weight}, DropClass {@code clsdrop_*}) and, for DeepLabV3, torchvision's.
 *       HRNet ImageNet classification checkpoints ({@code hrnet_w18_small_model_v1.pth}, {@code
 *       cls_hrnet.py}) use the same backbone names plus {@code incre_modules}, {@code
 *       downsamp_modules}, {@code final_layer} and {@code classifier}.
 *   <li>{@link #TIMM}: {@code timm} names. timm's HRNet ({@code timm/models/hrnet.py}) keeps the
 *       official classification names exactly ({@code nn.Identity} placeholders hold no tensors,
 *       the head is {@code incre_modules/downsamp_modules/final_layer/classifier}), so for HRNet
 *       it maps like {@link #OFFICIAL}. timm's MobileNetV3 ({@code conv_stem}, {@code bn1}, {@code
 *       blocks.i.j.*}, {@code conv_head}, {@code classifier}) is renamed to torchvision's layout.
 *   <li>{@link #TORCHVISION}: torchvision's {@code mobilenet_v3_large} ({@code features.N.*},
 *       {@code classifier.*}) or {@code deeplabv3_mobilenet_v3_large} ({@code backbone.N.*},
 *       {@code classifier.*}, {@code aux_classifier.*}).
 * </ul>
 *
 * <p>Detection rule ({@link #detect}): any name starting with {@code conv_stem.} or {@code blocks.}
 * → TIMM; else any name starting with {@code features.} or {@code backbone.} → TORCHVISION; else
 * any of {@code conv1.weight}, {@code layer1.*}, {@code stage2.*} → OFFICIAL (timm HRNet files are
 * indistinguishable from official ones by name and are read as OFFICIAL, which maps them
 * identically); otherwise the format is unknown.
 */
public enum WeightFormat {
    /** Official HRNet / our names. */
    OFFICIAL,
    /** timm names. */
    TIMM,
    /** torchvision names. */
    TORCHVISION;

    /**
     * Parses a CLI value, case-insensitively: {@code official}, {@code timm}, {@code torchvision}
     * or {@code auto}.
     *
     * @param value the text
     * @return the format, or empty for {@code auto}
     * @throws IllegalArgumentException for anything else, listing the accepted values
     */
    public static Optional<WeightFormat> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return Optional.empty();
        }
        for (WeightFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return Optional.of(f);
            }
        }
        throw new IllegalArgumentException(
                "unknown weight format '" + value
                + "'; expected auto, official, timm or torchvision");
    }

    /**
     * Detects the format from a checkpoint's tensor names (rule in the class comment).
     *
     * @param names the tensor names
     * @return the format
     * @throws IllegalArgumentException if no rule applies
     */
    public static WeightFormat detect(Collection<String> names) {
        if (names.stream().anyMatch(n -> n.startsWith("conv_stem.") || n.startsWith("blocks."))) {
            return TIMM;
        }
        if (names.stream().anyMatch(n -> n.startsWith("features.") || n.startsWith("backbone."))) {
            return TORCHVISION;
        }
        if (names.stream()
                .anyMatch(
                        n ->
                                n.equals("conv1.weight")
                                        || n.startsWith("layer1.")
                                        || n.startsWith("stage2."))) {
            return OFFICIAL;
        }
        throw new IllegalArgumentException(
                "cannot detect the weight format of "
                        + names.size()
                        + " tensors (no conv_stem./blocks., features./backbone. or"
                        + " conv1/layer1/stage2 names); pass the format explicitly");
    }
}
