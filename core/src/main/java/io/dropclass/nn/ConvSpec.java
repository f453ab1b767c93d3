package io.dropclass.nn;

/**
 * The geometry of one 2-D convolution: widths, square kernel, stride, dilation and groups, with
 * PyTorch's "same" padding for odd kernels, (k − 1) / 2 · dilation.
 *
 * @param in input channels
 * @param out output channels
 * @param kernel kernel size (odd)
 * @param stride stride along both axes
 * @param dilation dilation along both axes
 * @param groups channel groups (the input width for a depthwise convolution)
 */
public record ConvSpec(int in, int out, int kernel, int stride, int dilation, int groups) {

    /**
     * A plain convolution: dilation 1, one group.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size (odd)
     * @param stride stride
     * @return the geometry
     */
    public static ConvSpec of(int in, int out, int kernel, int stride) {
        return new ConvSpec(in, out, kernel, stride, 1, 1);
    }

    /**
     * The zero padding that keeps the size at stride 1: (k − 1) / 2 · dilation.
     *
     * @return padding on each side
     */
    public int padding() {
        return (kernel - 1) / 2 * dilation;
    }

    /**
     * A builder for this convolution, geometry set (no bias and the default initialisation until
     * the caller sets them).
     *
     * @param name the convolution's module name
     * @return the builder
     */
    public Conv2dLayer.Builder builder(String name) {
        return Conv2dLayer.builder(name, in, out, kernel)
                .optStride(stride)
                .optPadding(padding())
                .optDilation(dilation)
                .optGroups(groups);
    }
}
