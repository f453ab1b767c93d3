package io.dropclass.model.weights;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a checkpoint's tensor names to a target architecture's names, dropping the tensors that
 * have no counterpart by design (classification heads, BatchNorm {@code num_batches_tracked}).
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>format → target</th><th>mapped</th><th>skipped</th></tr>
 *   <tr><td>OFFICIAL or TIMM → HRNet</td><td>identity (segmentation checkpoints incl. {@code
 *       last_layer}, {@code _classifier}, {@code clsdrop_*}; ImageNet stem, {@code layer1},
 *       {@code transition*}, {@code stage*})</td><td>{@code incre_modules}, {@code
 *       downsamp_modules}, {@code final_layer}, {@code classifier} (ImageNet head)</td></tr>
 *   <tr><td>TORCHVISION → DeepLabV3</td><td>{@code features.N.*} → {@code backbone.N.*} (N ≤
 *       16) for {@code mobilenet_v3_large}; identity for {@code
 *       deeplabv3_mobilenet_v3_large}</td><td>ImageNet {@code classifier.*} (only when the file
 *       has {@code features.*}); {@code aux_classifier.*}</td></tr>
 *   <tr><td>TIMM → DeepLabV3</td><td>{@code conv_stem}, {@code bn1}, {@code blocks.s.j.*} →
 *       {@code backbone.N.*} ({@link MobileNetV3Large#timmToTorchvision})</td><td>{@code
 *       conv_head.*}, {@code classifier.*}</td></tr>
 *   <tr><td>OFFICIAL → DeepLabV3</td><td>identity (our names are torchvision's)</td><td>{@code
 *       aux_classifier.*}</td></tr>
 * </table>
 *
 * Every rule skips {@code *.num_batches_tracked}. Names no rule knows are kept unchanged, so they
 * surface as unexpected when loading. TORCHVISION → HRNet does not exist.
 *
 * @param format the checkpoint's naming scheme
 * @param architecture the target
 * @param torchvisionImageNet whether the checkpoint is torchvision's ImageNet MobileNetV3 (it has
 *     {@code features.*}), whose {@code classifier.*} is a classification head to skip
 */
public record NameMap(
        WeightFormat format, TargetArchitecture architecture, boolean torchvisionImageNet) {

    private static final String NUM_BATCHES_TRACKED = ".num_batches_tracked";
    private static final List<String> HRNET_IMAGENET_HEAD =
            List.of("incre_modules.", "downsamp_modules.", "final_layer.", "classifier.");

    /**
     * Builds the map for one checkpoint.
     *
     * @param format the checkpoint's naming scheme
     * @param architecture the target
     * @param sourceNames the checkpoint's names (to tell torchvision's ImageNet {@code classifier}
     *     from DeepLabV3's)
     * @return the map
     * @throws IllegalArgumentException for TORCHVISION → HRNet
     */
    public static NameMap of(
            WeightFormat format, TargetArchitecture architecture, Collection<String> sourceNames) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(architecture, "architecture");
        if (architecture == TargetArchitecture.HRNET && format == WeightFormat.TORCHVISION) {
            throw new IllegalArgumentException("torchvision has no HRNet; use official or timm");
        }
        boolean imageNet = sourceNames.stream().anyMatch(n -> n.startsWith("features."));
        return new NameMap(format, architecture, imageNet);
    }

    /**
     * The target name of a source tensor.
     *
     * @param sourceName the checkpoint's name
     * @return the target name, or empty if the tensor is skipped by design
     */
    public Optional<String> target(String sourceName) {
        if (sourceName.endsWith(NUM_BATCHES_TRACKED)) {
            return Optional.empty();
        }
        if (architecture == TargetArchitecture.HRNET) {
            for (String head : HRNET_IMAGENET_HEAD) {
                if (sourceName.startsWith(head)) {
                    return Optional.empty();
                }
            }
            return Optional.of(sourceName);
        }
        if (sourceName.startsWith("aux_classifier.")) {
            return Optional.empty();
        }
        switch (format) {
            case TORCHVISION:
                if (torchvisionImageNet) {
                    if (sourceName.startsWith("classifier.")) {
                        return Optional.empty();
                    }
                    if (sourceName.startsWith("features.")) {
                        String rest = sourceName.substring("features.".length());
                        int dot = rest.indexOf('.');
                        if (dot > 0 && isIndexAtMost(rest.substring(0, dot))) {
                            return Optional.of("backbone." + rest);
                        }
                    }
                }
                return Optional.of(sourceName);
            case TIMM:
                if (sourceName.startsWith("conv_head.") || sourceName.startsWith("classifier.")) {
                    return Optional.empty();
                }
                String mapped = MobileNetV3Large.timmToTorchvision(sourceName, "backbone.");
                return Optional.of(mapped != null ? mapped : sourceName);
            default:
                return Optional.of(sourceName);
        }
    }

    private static boolean isIndexAtMost(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 0 && n <= MobileNetV3Large.LAST_FEATURE;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
