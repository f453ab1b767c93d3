package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNetSpec.Stage;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.BilinearResize;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * HRNetV2 for semantic segmentation, as in the official DropClass code ({@code
 * lib/models/seg_hrnet.py}) without the DropClass head, with the parameter names of the official
 * checkpoints.
 *
 * <pre>
 * images (B, 3, H, W)
 *   conv1 3×3/2 + bn1 + ReLU, conv2 3×3/2 + bn2 + ReLU       (B, 64, H/4, W/4)
 *   layer1: Bottleneck blocks                                (B, 4·c1, H/4, W/4)
 *   transition1, stage2, transition2, stage3, transition3, stage4
 *                                                            branch i: (B, C_i, H/2^(i+2), ...)
 *   upsample branches 1..3 to branch 0 (bilinear, align_corners = false), concat  (B, C, H/4, W/4)
 *   last_layer: 1×1 conv C→C with bias + BN + ReLU           A (B, C, H/4, W/4)
 *   _classifier: 1×1 conv C→K with bias                      logits (B, K, H/4, W/4)
 * </pre>
 *
 * <p>Every BatchNorm uses momentum 0.01 (PyTorch convention) and eps 1e-5. All parameters are
 * direct parameters of this block, so DJL's {@link #getParameters()} lists the official names
 * ({@code conv1.weight}, {@code stage2.0.branches.0.0.conv1.weight}, {@code
 * last_layer.1.running_mean}, {@code _classifier.weight}, ...). DJL's lazy {@link #initialize} uses
 * {@link #initializeParameters} with seed {@link #DEFAULT_SEED} for parameters not yet set.
 */
public final class HrNet extends ClassifierNetwork {

    /** Seed of DJL's lazy initialisation. */
    public static final long DEFAULT_SEED = LAZY_INIT_SEED;

    private static final int STEM_CHANNELS = 64;

    private final HrNetSpec spec;
    private final Conv2dLayer conv1;
    private final BatchNormLayer bn1;
    private final Conv2dLayer conv2;
    private final BatchNormLayer bn2;
    private final LayerSequence layer1;
    private final List<Transition> transitions;
    private final List<List<HighResolutionModule>> stages;
    private final ConvBn lastLayer;

    private HrNet(HrNetSpec spec, int numClasses) {
        super(numClasses);
        this.spec = Objects.requireNonNull(spec, "spec");
        conv1 = stemConv("conv1", 3);
        bn1 = BatchNormLayer.hrnet("bn1", STEM_CHANNELS);
        conv2 = stemConv("conv2", STEM_CHANNELS);
        bn2 = BatchNormLayer.hrnet("bn2", STEM_CHANNELS);
        Stage first = spec.stage(1);
        layer1 =
                ResidualBlock.stack(
                        first.block(),
                        "layer1",
                        STEM_CHANNELS,
                        first.channels().get(0),
                        first.blocks().get(0));
        List<Transition> transitionList = new ArrayList<>(3);
        List<List<HighResolutionModule>> stageList = new ArrayList<>(3);
        List<Integer> previous = List.of(first.outChannels(0));
        for (int n = 2; n <= 4; n++) {
            Stage stage = spec.stage(n);
            List<Integer> current = outChannels(stage);
            transitionList.add(Transition.create("transition" + (n - 1), previous, current));
            List<HighResolutionModule> modules = new ArrayList<>(stage.modules());
            List<Integer> in = current;
            for (int m = 0; m < stage.modules(); m++) {
                HighResolutionModule module =
                        new HighResolutionModule(
                                "stage" + n + "." + m,
                                stage.block(),
                                stage.blocks(),
                                in,
                                stage.channels());
                modules.add(module);
                in = module.outChannels();
            }
            stageList.add(List.copyOf(modules));
            previous = in;
        }
        transitions = List.copyOf(transitionList);
        stages = List.copyOf(stageList);
        int c = spec.featureChannels();
        lastLayer =
                ConvBn.of(
                        Conv2dLayer.builder("last_layer.0", c, c, 1).optBias(true).build(),
                        BatchNormLayer.hrnet("last_layer.1", c),
                        true);
        Conv2dLayer classifier =
                Conv2dLayer.builder("_classifier", c, numClasses, 1).optBias(true).build();
        register(collectParameters(classifier), classifier);
    }

    /**
     * Creates an HRNetV2 segmentation network with uninitialised parameters.
     *
     * @param spec the architecture, e.g. {@link HrNetSpec#w18SmallV1()}
     * @param numClasses K, e.g. 19 for Cityscapes
     * @return the network
     */
    public static HrNet create(HrNetSpec spec, int numClasses) {
        return new HrNet(spec, numClasses);
    }

    private static Conv2dLayer stemConv(String name, int in) {
        return Conv2dLayer.builder(name, in, STEM_CHANNELS, 3).optStride(2).optPadding(1).build();
    }

    private static List<Integer> outChannels(Stage stage) {
        List<Integer> list = new ArrayList<>(stage.branches());
        for (int i = 0; i < stage.branches(); i++) {
            list.add(stage.outChannels(i));
        }
        return List.copyOf(list);
    }

    private List<LayerParameter> collectParameters(Conv2dLayer classifier) {
        List<LayerParameter> list = new ArrayList<>();
        list.addAll(conv1.layerParameters());
        list.addAll(bn1.layerParameters());
        list.addAll(conv2.layerParameters());
        list.addAll(bn2.layerParameters());
        list.addAll(layer1.layerParameters());
        for (int s = 0; s < 3; s++) {
            list.addAll(transitions.get(s).layerParameters());
            for (HighResolutionModule module : stages.get(s)) {
                list.addAll(module.layerParameters());
            }
        }
        list.addAll(lastLayer.layerParameters());
        list.addAll(classifier.layerParameters());
        return List.copyOf(list);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray features(ParameterStore parameterStore, NDArray images, boolean training) {
        requireImages(images);
        NDArray x = stem(parameterStore, images, training); // (B, 4·c1, H/4, W/4)
        List<NDArray> branches = List.of(x);
        for (int s = 0; s < 3; s++) {
            List<NDArray> next = transitions.get(s).forward(parameterStore, branches, training);
            closeReplaced(branches, next);
            for (HighResolutionModule module : stages.get(s)) {
                List<NDArray> out = module.forward(parameterStore, next, training,
                        tensorFormat().channelsLast());
                closeReplaced(next, out);
                next = out;
            }
            branches = next;
        }
        NDArray concat = concatBranches(branches, tensorFormat().channelsLast()); // (B,C,H/4,W/4)
        branches.forEach(NDArray::close);
        NDArray a = lastLayer.forward(parameterStore, concat, training);
        concat.close();
        return a;
    }

    private NDArray stem(ParameterStore ps, NDArray images, boolean training) {
        NDArray x = images;
        Conv2dLayer[] convs = {conv1, conv2};
        BatchNormLayer[] bns = {bn1, bn2};
        for (int k = 0; k < 2; k++) {
            NDArray c = convs[k].forward(ps, x, training);
            if (x != images) {
                x.close();
            }
            NDArray b = bns[k].forward(ps, c, training);
            c.close();
            x = b.getNDArrayInternal().relu();
            b.close();
        }
        NDArray y = layer1.forward(ps, x, training);
        x.close();
        return y;
    }

    /** Upsamples branches 1..3 to branch 0's size and concatenates along channels. */
    private static NDArray concatBranches(List<NDArray> branches, boolean channelsLast) {
        Shape shape = branches.get(0).getShape(); // (B, C_0, H/4, W/4)
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        NDList parts = new NDList(branches.size());
        parts.add(branches.get(0));
        for (int i = 1; i < branches.size(); i++) {
            // (B, C_i, H_i, W_i) -> (B, C_i, H/4, W/4)
            parts.add(BilinearResize.resize(branches.get(i), height, width, false, channelsLast));
        }
        NDArray concat = NDArrays.concat(parts, 1); // (B, Σ C_i, H/4, W/4)
        for (int i = 1; i < parts.size(); i++) {
            parts.get(i).close();
        }
        return concat;
    }

    /** Closes the arrays of {@code old} that do not pass through to {@code next}. */
    private static void closeReplaced(List<NDArray> old, List<NDArray> next) {
        for (NDArray array : old) {
            boolean kept = next.stream().anyMatch(n -> n == array);
            if (!kept) {
                array.close();
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0]; // (B, 3, H, W)
        long h = conv2.outputSize(conv1.outputSize(in.get(2)));
        long w = conv2.outputSize(conv1.outputSize(in.get(3)));
        return new Shape[] {new Shape(in.get(0), numClasses(), h, w)};
    }

    /** {@inheritDoc} */
    @Override
    public int featureChannels() {
        return spec.featureChannels();
    }

    /** {@inheritDoc} */
    @Override
    public int outputStride() {
        return 4;
    }

    /**
     * The architecture.
     *
     * @return the spec
     */
    public HrNetSpec spec() {
        return spec;
    }
}
