package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.Activation;
import io.dropclass.nn.BatchNormSettings;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvNormActivation;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterInit;
import io.dropclass.nn.Pooling;
import io.dropclass.nn.SeededDropout;
import java.util.ArrayList;
import java.util.List;

/**
 * Atrous spatial pyramid pooling, as torchvision's {@code segmentation.deeplabv3.ASPP}: {@code
 * <name>.convs.0} 1×1 conv-BN-ReLU, {@code .convs.1..3} 3×3 atrous conv-BN-ReLU (padding = rate),
 * {@code .convs.4} image pooling (global average pool, {@code .convs.4.1} 1×1 conv, {@code .4.2}
 * BN, ReLU, bilinear upsampling from 1×1, i.e. a broadcast), concatenated and projected by {@code
 * <name>.project} (1×1 conv-BN-ReLU, then Dropout). Convolutions have no bias; weights and BN
 * follow PyTorch's default initialisation (torchvision does not re-initialise the head).
 */
final class Aspp implements Layer {

    private final List<ConvNormActivation> branches;
    private final ConvNormActivation pooling;
    private final ConvNormActivation project;
    private final SeededDropout dropout;
    private final List<LayerParameter> parameters;

    Aspp(String name, int in, int out, int[] rates, double dropoutRate, BatchNormSettings norm) {
        List<ConvNormActivation> list = new ArrayList<>(rates.length + 1);
        list.add(convBn(name + ".convs.0", in, out, 1, 1, norm));
        for (int i = 0; i < rates.length; i++) {
            list.add(convBn(name + ".convs." + (i + 1), in, out, 3, rates[i], norm));
        }
        branches = List.copyOf(list);
        String pool = name + ".convs." + (rates.length + 1);
        pooling =
                new ConvNormActivation(
                        conv(pool + ".1", in, out, 1, 1),
                        norm.layer(pool + ".2", out),
                        Activation.RELU);
        int concat = out * (rates.length + 2);
        project = convBn(name + ".project", concat, out, 1, 1, norm);
        dropout = new SeededDropout(dropoutRate);
        List<LayerParameter> params = new ArrayList<>();
        branches.forEach(b -> params.addAll(b.layerParameters()));
        params.addAll(pooling.layerParameters());
        params.addAll(project.layerParameters());
        parameters = List.copyOf(params);
    }

    static Conv2dLayer conv(String name, int in, int out, int kernel, int dilation) {
        return Conv2dLayer.builder(name, in, out, kernel)
                .optPadding((kernel - 1) / 2 * dilation)
                .optDilation(dilation)
                .optWeightInit(
                        ParameterInit.uniform(1.0 / Math.sqrt((double) in * kernel * kernel)))
                .build();
    }

    private static ConvNormActivation convBn(
            String name, int in, int out, int kernel, int dilation, BatchNormSettings norm) {
        return new ConvNormActivation(
                conv(name + ".0", in, out, kernel, dilation),
                norm.layer(name + ".1", out),
                Activation.RELU);
    }

    SeededDropout dropout() {
        return dropout;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        Shape shape = x.getShape(); // (B, in, h, w)
        NDList parts = new NDList(branches.size() + 1);
        for (ConvNormActivation branch : branches) {
            parts.add(branch.forward(parameterStore, x, training)); // (B, out, h, w)
        }
        try (NDArray pooled = Pooling.globalAverage(x); // (B, in, 1, 1)
                NDArray p = pooling.forward(parameterStore, pooled, training)) { // (B, out, 1, 1)
            // bilinear upsampling of a 1×1 map is a copy of its value to every position
            parts.add(p.broadcast(new Shape(shape.get(0), p.getShape().get(1), shape.get(2),
                    shape.get(3))));
        }
        NDArray cat = NDArrays.concat(parts, 1); // (B, 5·out, h, w)
        parts.close();
        NDArray projected = project.forward(parameterStore, cat, training);
        cat.close();
        NDArray y = dropout.forward(parameterStore, projected, training);
        projected.close();
        return y;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }
}
