package io.dropclass.experiment;

import io.dropclass.model.Architecture;
import io.dropclass.model.SegmentationNetwork;
import java.util.ArrayList;
import java.util.List;

/** What each architecture is: sizes, the DropClass feature, the weight formats it loads. */
public final class ModelCatalog {

    /**
     * One architecture.
     *
     * @param name the {@code model.architecture} value
     * @param trainableParameters trainable parameters for the class count (BN statistics excluded,
     *     no DropClass head)
     * @param featureChannels C, the channels of the DropClass feature map A
     * @param outputStride input size / logit size
     * @param dropClassHeadParameters trainable parameters the DropClass head adds (C² + 3C)
     * @param weightFormats the {@code model.pretrained_format} values it accepts
     */
    public record ModelInfo(
            String name,
            long trainableParameters,
            int featureChannels,
            int outputStride,
            long dropClassHeadParameters,
            List<String> weightFormats) {}

    private ModelCatalog() {}

    /**
     * Every architecture of this build.
     *
     * @param numClasses K
     * @return one entry per architecture, in {@link Architecture} order
     */
    public static List<ModelInfo> all(int numClasses) {
        List<ModelInfo> list = new ArrayList<>();
        for (Architecture architecture : Architecture.values()) {
            String name = architecture.key();
            SegmentationNetwork network = architecture.create(numClasses);
            int c = network.featureChannels();
            List<String> formats = name.startsWith("hrnet")
                    ? List.of("official (segmentation and ImageNet checkpoints)", "timm")
                    : List.of("torchvision (mobilenet_v3_large, deeplabv3_mobilenet_v3_large)",
                            "timm (mobilenetv3_large_100)");
            list.add(new ModelInfo(name, network.trainableParameterCount(), c,
                    network.outputStride(), (long) c * c + 3L * c, formats));
        }
        return list;
    }
}
