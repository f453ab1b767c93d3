package io.dropclass.model;

import java.util.function.IntFunction;

/**
 * The networks this build trains, by their configuration names ({@code model.architecture}, the
 * lower-case constant names): the one list of architectures, each with how it is built.
 */
public enum Architecture {

    /** HRNetV2-W18-Small-v1, the paper's smallest model (docs/method.md §10.2). */
    HRNET_W18_SMALL_V1(k -> HrNet.create(HrNetSpec.w18SmallV1(), k)),
    /** HRNetV2-W18-Small-v2. */
    HRNET_W18_SMALL_V2(k -> HrNet.create(HrNetSpec.w18SmallV2(), k)),
    /** HRNetV2-W48, the paper's Cityscapes model. */
    HRNET_W48(k -> HrNet.create(HrNetSpec.w48(), k)),
    /** torchvision's DeepLabV3 with a MobileNetV3-Large backbone, no auxiliary head. */
    DEEPLABV3_MOBILENET_V3_LARGE(DeepLabV3::mobileNetV3Large);

    private final IntFunction<SegmentationNetwork> factory;

    Architecture(IntFunction<SegmentationNetwork> factory) {
        this.factory = factory;
    }

    /**
     * Builds the network without any method head.
     *
     * @param numClasses K
     * @return the uninitialised network
     */
    public SegmentationNetwork create(int numClasses) {
        return factory.apply(numClasses);
    }

    /**
     * The configuration name.
     *
     * @return e.g. {@code hrnet_w18_small_v1}
     */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
