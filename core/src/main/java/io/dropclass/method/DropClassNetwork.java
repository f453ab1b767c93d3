package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.WrappedNetwork;
import io.dropclass.nn.BatchNormLayer;
import java.util.Objects;

/**
 * A network with the {@link DropClassHead} on its feature map (docs/method.md §4), classified by
 * the network's own classifier h (same W and b).
 *
 * <pre>
 * training: forwardTraining(ps, images (B, 3, H, W), decision)
 *   A       = network.features(images)                 (B, C, h, w), post-ReLU
 *   ŷ       = h(A)                                     (B, K, h, w)  plain branch
 *   A_drop  = head.apply(A, W, decision)               (B, C, h, w)  training-mode BN
 *   ŷ_drop  = h(A_drop)                                (B, K, h, w)  drop branch
 * inference: forward(ps, [images], false) = [ŷ_drop with every class kept]  (B, K, h, w)
 *   (official, docs/method.md §9.1), or [ŷ] with {@link PredictionBranch#PLAIN}
 * </pre>
 *
 * <p>As a {@link SegmentationNetwork}, trainers, predictors, checkpoints and evaluation use it
 * unchanged: {@link #features} is the feature the prediction branch classifies (A_drop with all
 * classes kept, or A) and {@link #namedParameters} are the wrapped network's names followed by the
 * head's official names. Nothing is detached (docs/method.md §4.4): W gets gradient through ŷ,
 * through ŷ_drop and through s.
 */
public final class DropClassNetwork extends WrappedNetwork {

    private final DropClassHead head;
    private final PredictionBranch predictionBranch;

    private DropClassNetwork(SegmentationNetwork network, DropClassHead head,
            PredictionBranch predictionBranch) {
        super(network, head.parameters());
        this.head = head;
        this.predictionBranch = predictionBranch;
    }

    /**
     * Wraps a network with the official settings (BN eps 1e-5, momentum 0.01, prediction from the
     * drop branch).
     *
     * @param network the network whose feature map and classifier the head uses
     * @return the uninitialised network (the wrapped network's values are kept)
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
        NDArray a = network().features(ps, images, true); // (B, C, h, w)
        NDArray logits = classify(ps, a, true); // (B, K, h, w)
        NDArray dropped = dropFeatures(ps, a, decision, true); // (B, C, h, w)
        a.close();
        NDArray dropLogits = classify(ps, dropped, true); // (B, K, h, w)
        dropped.close();
        return new DropClassOutputs(logits, dropLogits, tensorFormat());
    }

    /**
     * The drop branch's feature A_drop for a decision ({@link DropClassHead#apply}).
     *
     * @param ps the parameter store
     * @param features A, (B, C, h, w); not closed
     * @param decision the classes to drop ({@link DropDecision#none} keeps all: inference)
     * @param training training-mode BatchNorm
     * @return A_drop, (B, C, h, w), post-ReLU, attached to the features' manager
     */
    public NDArray dropFeatures(
            ParameterStore ps, NDArray features, DropDecision decision, boolean training) {
        return head.apply(ps, features, classifierWeight(), numClasses(), decision, training);
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
        NDArray a = network().features(parameterStore, images, training);
        if (predictionBranch == PredictionBranch.PLAIN) {
            return a;
        }
        NDArray dropped = dropFeatures(parameterStore, a, DropDecision.none(0, 0), training);
        a.close();
        return dropped;
    }

    /**
     * The head.
     *
     * @return the head
     */
    public DropClassHead head() {
        return head;
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
         * The eps of the head's BatchNorm (default 1e-5, the official code's).
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
         * Builds the network; BatchNorm settings are validated here.
         *
         * @return the uninitialised network
         */
        public DropClassNetwork build() {
            return new DropClassNetwork(network,
                    new DropClassHead(network.featureChannels(), momentum, eps), branch);
        }
    }
}
