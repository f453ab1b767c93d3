package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The DropClass head around any {@link SegmentationNetwork} (docs/method.md §4): a feature
 * transformation layer that turns the class-scaled feature into A_drop, classified by the wrapped
 * network's own classifier h (same W and b).
 *
 * <pre>
 * training: forwardTraining(ps, images (B, 3, H, W), decision)
 *   A       = network.features(images)                 (B, C, h, w), post-ReLU
 *   ŷ       = h(A)                                     (B, K, h, w)  plain branch
 *   s       = (1/n) Σ_c ReLU(m_c · W_c)                (R, C), R = 1 or B per image
 *   A_drop  = ReLU(clsdrop_bn1(clsdrop_conv1(A ⊙ s)))  (B, C, h, w)  training-mode BN
 *   ŷ_drop  = h(A_drop)                                (B, K, h, w)  drop branch
 * inference: forward(ps, [images], false) = [ŷ_drop with every class kept]  (B, K, h, w)
 *   (official, docs/method.md §9.1), or [ŷ] with {@link PredictionBranch#PLAIN}
 * </pre>
 *
 * <p>With one s for the batch (every inference call, and training with batch-level sampling) the
 * scaling is never materialised: conv1x1(A ⊙ s) = (W·diag(s)) A + b, a (C × C) operation instead
 * of a pass over the (B, C, h, w) feature map in the forward and two in the backward. In inference
 * mode BatchNorm is folded in too, W' = α·W·diag(s), b' = α·(b − μ) + β with α = γ/√(σ² + eps), so
 * A_drop = ReLU(W'A + b') is one convolution. The fold is recomputed from the current parameters
 * on every call (cheap next to the convolution), so no optimizer step, load or training forward
 * can leave a stale folded weight behind. Per-image sampling (one s per image) scales A itself.
 *
 * <p>The block is itself a {@link SegmentationNetwork}, so trainers, predictors, checkpoints and
 * evaluation use it unchanged: {@link #features} is the feature the prediction branch classifies
 * (A_drop with all classes kept, or A), {@link #classify} is the shared classifier, and {@link
 * #namedParameters} are the wrapped network's names followed by the official head names {@code
 * clsdrop_conv1.weight}, {@code clsdrop_conv1.bias}, {@code clsdrop_bn1.weight}, {@code
 * clsdrop_bn1.bias}, {@code clsdrop_bn1.running_mean}, {@code clsdrop_bn1.running_var}. Through
 * DJL's generic {@code forward} a training-mode call also returns the prediction branch (one array,
 * as for any network); {@link #forwardTraining} gives both branches.
 *
 * <p>Nothing is detached (docs/method.md §4.4): W gets gradient through ŷ, through ŷ_drop and through s.
 * The 1×1 conv (C→C, bias) is initialised as the model's convs, N(0, 0.001²) weights and PyTorch's
 * uniform(±1/√C) bias; BN γ = 1, β = 0, running mean 0, variance 1, momentum 0.01 (PyTorch
 * convention) and eps 1e-5 unless the builder says otherwise (e.g. 1e-3 for MobileNetV3).
 */
public final class DropClassNetwork extends AbstractBlock implements SegmentationNetwork {

    /** Seed of DJL's lazy initialisation of the head. */
    public static final long DEFAULT_SEED = 0L;

    private final SegmentationNetwork network;
    private final ConvBn transformation;
    private final PredictionBranch predictionBranch;
    private final List<LayerParameter> headParameters;
    private final Map<String, Parameter> named;

    private DropClassNetwork(Builder builder) {
        network = builder.network;
        int c = network.featureChannels();
        transformation =
                ConvBn.of(
                        Conv2dLayer.builder("clsdrop_conv1", c, c, 1).optBias(true).build(),
                        new BatchNormLayer("clsdrop_bn1", c, builder.momentum, builder.eps),
                        true);
        predictionBranch = builder.branch;
        headParameters = transformation.layerParameters();
        addChildBlock("network", network);
        Map<String, Parameter> map = new LinkedHashMap<>(network.namedParameters());
        for (LayerParameter lp : headParameters) {
            if (map.put(lp.name(), addParameter(lp.parameter())) != null) {
                throw new IllegalArgumentException(
                        "the wrapped network already has a parameter " + lp.name());
            }
        }
        named = Collections.unmodifiableMap(map);
    }

    /**
     * Wraps a network with the official settings (BN eps 1e-5, momentum 0.01, prediction from the
     * drop branch).
     *
     * @param network the network whose feature map and classifier the head uses
     * @return the uninitialised head (the wrapped network's values are kept)
     */
    public static DropClassNetwork wrap(SegmentationNetwork network) {
        return builder(network).build();
    }

    /**
     * Starts a builder.
     *
     * @param network the network whose feature map and classifier the head uses
     * @return the builder
     */
    public static Builder builder(SegmentationNetwork network) {
        return new Builder(network);
    }

    /**
     * The training forward: both branches for one drop decision, training-mode BatchNorm
     * everywhere. Initialises missing parameters first, as DJL's {@code forward} does.
     *
     * @param ps the parameter store
     * @param images (B, 3, H, W), normalised; not closed
     * @param decision which class(es) to drop, or none
     * @return ŷ and ŷ_drop, (B, K, h, w) each, attached to the images' manager
     */
    public DropClassOutputs forwardTraining(
            ParameterStore ps, NDArray images, DropDecision decision) {
        if (!isInitialized()) {
            initialize(ps.getManager(), images.getDataType(), images.getShape());
        }
        decision.checkImages(Math.toIntExact(images.getShape().get(0)));
        NDArray a = network.features(ps, images, true); // (B, C, h, w)
        NDArray logits = network.classify(ps, a, true); // (B, K, h, w)
        NDArray dropped = dropFeatures(ps, a, decision, true); // (B, C, h, w)
        a.close();
        NDArray dropLogits = network.classify(ps, dropped, true); // (B, K, h, w)
        dropped.close();
        return new DropClassOutputs(logits, dropLogits, tensorFormat());
    }

    /**
     * The drop branch's feature A_drop = ReLU(BN(conv1x1(A ⊙ s))) for a decision.
     *
     * @param ps the parameter store
     * @param features A, (B, C, h, w); not closed
     * @param decision the classes to drop ({@link DropDecision#none} keeps all: inference)
     * @param training training-mode BatchNorm (batch statistics, running statistics updated)
     * @return A_drop, (B, C, h, w), post-ReLU, attached to the features' manager
     */
    public NDArray dropFeatures(
            ParameterStore ps, NDArray features, DropDecision decision, boolean training) {
        NDArray weight = ps.getValue(classifierWeight(), features.getDevice(), training);
        // the parameter's own array (K, C, 1, 1): read, never closed
        try (NDArray keep =
                        ClassImportance.keepMask(features.getManager(), decision, numClasses());
                NDArray s = ClassImportance.importance(weight, keep)) { // (R, C)
            if (s.getShape().get(0) != 1) {
                // one s per image: A ⊙ s is a feature map of its own
                try (NDArray x = ClassImportance.scale(features, s)) { // (B, C, h, w)
                    return transformation.forward(ps, x, training);
                }
            }
            // one s for the batch: folded into the 1×1 conv's weight, W·diag(s), and in
            // inference mode BatchNorm as well (ConvBn.forwardScaled)
            try (NDArray row = s.reshape(s.getShape().get(1))) { // (C)
                return transformation.forwardScaled(ps, features, row, training);
            }
        }
    }

    /**
     * A_drop computed literally as docs/method.md §4.1 writes it, X = A ⊙ s as a feature map, then conv,
     * BatchNorm and ReLU as separate operations: the definition {@link #dropFeatures} must equal
     * up to float rounding.
     *
     * @param ps the parameter store
     * @param features A, (B, C, h, w); not closed
     * @param decision the classes to drop
     * @param training training-mode BatchNorm
     * @return A_drop, (B, C, h, w), attached to the features' manager
     */
    NDArray literalDropFeatures(
            ParameterStore ps, NDArray features, DropDecision decision, boolean training) {
        NDArray weight = ps.getValue(classifierWeight(), features.getDevice(), training);
        try (NDArray keep =
                        ClassImportance.keepMask(features.getManager(), decision, numClasses());
                NDArray s = ClassImportance.importance(weight, keep); // (R, C)
                NDArray x = ClassImportance.scale(features, s)) { // (B, C, h, w)
            return transformation.forward(ps, x, training);
        }
    }

    /**
     * The feature that the prediction branch classifies: A_drop with all classes kept ({@link
     * PredictionBranch#DROP}) or A ({@link PredictionBranch#PLAIN}).
     *
     * @param parameterStore the parameter store
     * @param images (B, 3, H, W), normalised
     * @param training true for training mode
     * @return (B, C, h, w), post-ReLU
     */
    @Override
    public NDArray features(ParameterStore parameterStore, NDArray images, boolean training) {
        NDArray a = network.features(parameterStore, images, training);
        if (predictionBranch == PredictionBranch.PLAIN) {
            return a;
        }
        NDArray dropped = dropFeatures(parameterStore, a, DropDecision.none(0, 0), training);
        a.close();
        return dropped;
    }

    /** {@inheritDoc} The shared classifier h of the wrapped network. */
    @Override
    public NDArray classify(ParameterStore parameterStore, NDArray features, boolean training) {
        return network.classify(parameterStore, features, training); // (B, K, h, w)
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray features = features(parameterStore, inputs.singletonOrThrow(), training);
        NDArray logits = classify(parameterStore, features, training); // (B, K, h, w)
        features.close();
        return new NDList(logits);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    /**
     * DJL's lazy initialisation: the wrapped network's, then the head's parameters that have no
     * value yet as {@link #initializeParameters} would with seed {@link #DEFAULT_SEED}; trainable
     * arrays are marked as requiring gradients.
     *
     * @param manager the manager of new parameter arrays
     * @param dataType float32 or float64, contiguous layout
     * @param inputShapes the input shapes, (B, 3, H, W)
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, inputShapes);
        beforeInitialize(inputShapes);
        initializeHead(manager, DEFAULT_SEED, true, network.tensorFormat());
        for (LayerParameter lp : headParameters) {
            lp.parameter().initialize(manager, dataType);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The wrapped network is initialised with the same seed (so its values do not depend on the
     * head); the head's parameters continue the stream sequence of {@link #namedParameters}: the
     * p-th name draws from the p-th split.
     */
    @Override
    public void initializeParameters(NDManager manager, long seed, TensorFormat format) {
        network.initializeParameters(manager, seed, format);
        initializeHead(manager, seed, false, format);
        if (inputShapes == null) {
            // marks the block initialised for DJL (save, forward); the size is free
            beforeInitialize(new Shape(-1, 3, -1, -1));
        }
    }

    private void initializeHead(
            NDManager manager, long seed, boolean onlyMissing, TensorFormat format) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < network.namedParameters().size(); i++) {
            root.split(); // the streams of the wrapped network's parameters
        }
        for (LayerParameter lp : headParameters) {
            SplittableRandom random = root.split();
            Parameter parameter = lp.parameter();
            if (onlyMissing && parameter.isInitialized()) {
                continue;
            }
            Shape shape = parameter.getShape();
            try (NDArray values = manager.create(lp.init().sample(shape, random), shape)) {
                ParameterValues.assign(parameter, values, manager, format);
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public TensorFormat tensorFormat() {
        return network.tensorFormat();
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierWeight() {
        return network.classifierWeight();
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierBias() {
        return network.classifierBias();
    }

    /** {@inheritDoc} */
    @Override
    public int featureChannels() {
        return network.featureChannels();
    }

    /** {@inheritDoc} */
    @Override
    public int numClasses() {
        return network.numClasses();
    }

    /** {@inheritDoc} */
    @Override
    public int outputStride() {
        return network.outputStride();
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    /**
     * The wrapped network.
     *
     * @return the network
     */
    public SegmentationNetwork network() {
        return network;
    }

    /**
     * The branch that predicts at inference.
     *
     * @return DROP (official) or PLAIN
     */
    public PredictionBranch predictionBranch() {
        return predictionBranch;
    }

    /** Options of the head; {@code opt*} setters as DJL's builders. */
    public static final class Builder {

        private final SegmentationNetwork network;
        private double eps = BatchNormLayer.DEFAULT_EPS;
        private double momentum = BatchNormLayer.HRNET_MOMENTUM;
        private PredictionBranch branch = PredictionBranch.DROP;

        private Builder(SegmentationNetwork network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /**
         * The eps of the head's BatchNorm: the wrapped model's (1e-5 for HRNet, the default; 1e-3
         * for torchvision's MobileNetV3/DeepLabV3).
         *
         * @param value eps, > 0
         * @return this builder
         */
        public Builder optBatchNormEps(double value) {
            eps = value;
            return this;
        }

        /**
         * The momentum of the head's BatchNorm in PyTorch's convention (default 0.01).
         *
         * @param value momentum in [0, 1]
         * @return this builder
         */
        public Builder optBatchNormMomentum(double value) {
            momentum = value;
            return this;
        }

        /**
         * The branch that predicts at inference (default {@link PredictionBranch#DROP}, official).
         *
         * @param value the branch
         * @return this builder
         */
        public Builder optPredictionBranch(PredictionBranch value) {
            branch = Objects.requireNonNull(value, "branch");
            return this;
        }

        /**
         * Builds the head; BatchNorm settings are validated here.
         *
         * @return the uninitialised head
         */
        public DropClassNetwork build() {
            return new DropClassNetwork(this);
        }
    }
}
