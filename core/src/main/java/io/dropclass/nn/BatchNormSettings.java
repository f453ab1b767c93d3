package io.dropclass.nn;

/**
 * The two hyper-parameters every batch normalisation of one network shares, in PyTorch's
 * convention ({@code nn.BatchNorm2d(momentum=..., eps=...)}).
 *
 * @param momentum weight of the batch statistic in the running buffers, in [0, 1]
 * @param eps the variance offset, > 0
 */
public record BatchNormSettings(double momentum, double eps) {

    /** HRNet's and DropClass's settings: momentum 0.01, eps 1e-5. */
    public static final BatchNormSettings HRNET =
            new BatchNormSettings(BatchNormLayer.HRNET_MOMENTUM, BatchNormLayer.DEFAULT_EPS);

    /**
     * A batch normalisation layer with these settings.
     *
     * @param name the module name, e.g. {@code bn1} or {@code last_layer.1}
     * @param channels number of channels C
     * @return the layer
     */
    public BatchNormLayer layer(String name, int channels) {
        return new BatchNormLayer(name, channels, momentum, eps);
    }
}
