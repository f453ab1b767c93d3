package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNetSpec.BlockType;
import io.dropclass.nn.Activation;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.ConvSpec;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * HRNet's residual blocks with the official names under a prefix such as {@code layer1.0} or {@code
 * stage2.0.branches.1.0}: BASIC = {@code conv1, bn1, conv2, bn2} (two 3×3), BOTTLENECK = {@code
 * conv1, bn1, conv2, bn2, conv3, bn3} (1×1, 3×3, 1×1, expansion 4); a {@code downsample} projection
 * (1×1 conv + BN, {@code .0} and {@code .1}) when the stride or the width changes.
 */
final class ResidualBlock implements Layer {

    private final LayerSequence path;
    private final ConvBn downsample;
    private final List<LayerParameter> parameters;

    private ResidualBlock(List<ConvBn> path, ConvBn downsample) {
        this.path = new LayerSequence(path);
        this.downsample = downsample;
        List<LayerParameter> list = new ArrayList<>(this.path.layerParameters());
        if (downsample != null) {
            list.addAll(downsample.layerParameters());
        }
        parameters = List.copyOf(list);
    }

    /**
     * Creates one block.
     *
     * @param type BASIC or BOTTLENECK
     * @param prefix the module name, e.g. {@code layer1.0}
     * @param in input channels
     * @param planes width (output channels = planes × expansion)
     * @param stride stride of the 3×3 convolution
     * @return the block
     */
    static ResidualBlock create(BlockType type, String prefix, int in, int planes, int stride) {
        int out = planes * type.expansion();
        List<ConvBn> path = new ArrayList<>(3);
        if (type == BlockType.BASIC) {
            path.add(unit(prefix, 1, ConvSpec.of(in, planes, 3, stride), true));
            path.add(unit(prefix, 2, ConvSpec.of(planes, planes, 3, 1), false));
        } else {
            path.add(unit(prefix, 1, ConvSpec.of(in, planes, 1, 1), true));
            path.add(unit(prefix, 2, ConvSpec.of(planes, planes, 3, stride), true));
            path.add(unit(prefix, 3, ConvSpec.of(planes, out, 1, 1), false));
        }
        ConvBn downsample =
                stride != 1 || in != out
                        ? ConvBn.hrnet(prefix + ".downsample", in, out, 1, stride, false)
                        : null;
        return new ResidualBlock(path, downsample);
    }

    /**
     * Creates {@code blocks} blocks named {@code <prefix>.0 .. <prefix>.(blocks-1)}, as HRNet's
     * {@code _make_layer} and {@code _make_one_branch}: only the first may project.
     *
     * @param type BASIC or BOTTLENECK
     * @param prefix e.g. {@code layer1} or {@code stage2.0.branches.0}
     * @param in input channels
     * @param planes width
     * @param blocks number of blocks
     * @return the sequence
     */
    static LayerSequence stack(BlockType type, String prefix, int in, int planes, int blocks) {
        List<ResidualBlock> list = new ArrayList<>(blocks);
        int channels = in;
        for (int b = 0; b < blocks; b++) {
            list.add(create(type, prefix + "." + b, channels, planes, 1));
            channels = planes * type.expansion();
        }
        return new LayerSequence(list);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray out = path.forward(parameterStore, x, training); // (N, C, H, W), new
        if (downsample == null) {
            out.addi(x); // (N, C, H, W) += (N, C, H, W), in place as the official `out += residual`
        } else {
            try (NDArray residual = downsample.forward(parameterStore, x, training)) {
                out.addi(residual);
            }
        }
        return Activation.RELU.applyAndClose(out);
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }

    /** {@code <prefix>.conv<index>} (no bias, HRNet's init) and {@code <prefix>.bn<index>}. */
    private static ConvBn unit(String prefix, int index, ConvSpec spec, boolean relu) {
        Conv2dLayer conv = spec.builder(prefix + ".conv" + index).build();
        return ConvBn.of(conv, BatchNormLayer.hrnet(prefix + ".bn" + index, spec.out()), relu);
    }
}
