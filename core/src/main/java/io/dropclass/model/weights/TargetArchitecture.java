package io.dropclass.model.weights;

import io.dropclass.model.SegmentationNetwork;
import java.util.Collection;

/** The architecture a checkpoint is loaded into, recognised from the target's parameter names. */
public enum TargetArchitecture {
    /** HRNetV2 (official names {@code conv1}, {@code layer1}, {@code stage*}, ...). */
    HRNET,
    /** torchvision's DeepLabV3-MobileNetV3-Large ({@code backbone.N.*}, {@code classifier.*}). */
    DEEPLABV3_MOBILENETV3_LARGE;

    /**
     * Recognises a network, including one wrapped by a DropClass head.
     *
     * @param network the network
     * @return the architecture
     * @throws IllegalArgumentException if neither name pattern is present
     */
    public static TargetArchitecture of(SegmentationNetwork network) {
        return of(network.namedParameters().keySet());
    }

    /**
     * Recognises an architecture from its parameter names.
     *
     * @param names the target's parameter names
     * @return the architecture
     * @throws IllegalArgumentException if neither name pattern is present
     */
    public static TargetArchitecture of(Collection<String> names) {
        if (names.contains("conv1.weight") && names.contains("layer1.0.conv1.weight")) {
            return HRNET;
        }
        if (names.contains("backbone.0.0.weight")) {
            return DEEPLABV3_MOBILENETV3_LARGE;
        }
        throw new IllegalArgumentException(
                "target network is neither HRNet (conv1.weight, layer1.*) nor DeepLabV3-MobileNetV3"
                        + " (backbone.0.0.weight)");
    }

    /**
     * Whether a target parameter belongs to the pretrained backbone, i.e. must be loaded from an
     * ImageNet or segmentation checkpoint (anything else is a head: {@code last_layer}, {@code
     * _classifier}, {@code classifier}, {@code clsdrop_*}).
     *
     * @param targetName the target parameter's name
     * @return true for backbone parameters
     */
    public boolean isBackbone(String targetName) {
        return switch (this) {
            case HRNET ->
                    !(targetName.startsWith("last_layer.")
                            || targetName.startsWith("_classifier.")
                            || targetName.startsWith("clsdrop_"));
            case DEEPLABV3_MOBILENETV3_LARGE -> targetName.startsWith("backbone.");
        };
    }
}
