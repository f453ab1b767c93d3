package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dropclass.loss.PixelCrossEntropy;
import io.dropclass.loss.PixelTargets;
import io.dropclass.nn.Scalars;
import io.dropclass.nn.TensorFormat;
import io.dropclass.training.TrainingObjective.Terms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DropClass loss (docs/method.md §5), a function of the two branches' logits, the labels and
 * the drop decision:
 *
 * <pre>
 *   L     = (1 − λ)·L_ce + λ·L_drop + α·1[drop]·L_sup
 *   L_ce   = CE_w(ŷ, y)                     class-weighted, ignore 255, logits upsampled to y
 *   L_drop = CE_w(ŷ_drop, y with z → 255)   z's pixels leave numerator and denominator
 *   L_sup  = mean_{b,i,j} softmax(ŷ_drop)_{z_b, b, i, j}
 *                                            at logit resolution, over ALL positions (ignore
 *                                            pixels and z's own pixels included)
 * </pre>
 *
 * <p>The parts are returned as weighted in the total: {@code ce}, {@code drop}, {@code sup}; and,
 * for the history, {@code dropped_class} (z, −1 if none; per image: z of the first image), {@code
 * dropped} (1 or 0) and {@code lambda}. When every pixel is ignored a cross-entropy is 0, not
 * PyTorch's NaN ({@link PixelCrossEntropy}).
 */
public final class DropClassLoss {

    /** The drop branch's logits among {@link Terms#outputs()}, (B, K, h, w). */
    public static final String DROP_LOGITS = "logits_drop";

    /** α of the official code ("hyperparameter for L_sup"). */
    public static final double DEFAULT_ALPHA = 10;

    private final double[] classWeights;
    private final double alpha;

    /**
     * Creates the loss.
     *
     * @param classWeights w, one weight per class (the baseline's weights)
     * @param alpha α, the weight of L_sup, >= 0
     */
    public DropClassLoss(double[] classWeights, double alpha) {
        if (classWeights.length == 0) {
            throw new IllegalArgumentException("classWeights must not be empty");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        this.classWeights = classWeights.clone();
        this.alpha = alpha;
    }

    /**
     * The total and its parts for one batch.
     *
     * @param outputs ŷ and ŷ_drop, (B, K, h, w); not closed
     * @param labels B label maps of {@code height * width} unsigned bytes (ignore = 255)
     * @param height label rows H
     * @param width label columns W
     * @param decision the iteration's drop decision (λ, z, drop flag)
     * @return the scalar total and the named parts, attached to the logits' manager
     */
    public Terms compute(
            DropClassOutputs outputs,
            byte[][] labels,
            int height,
            int width,
            DropDecision decision) {
        NDArray logits = outputs.logits();
        Shape shape = logits.getShape(); // (B, K, h, w)
        if (shape.dimension() != 4
                || shape.get(0) != labels.length
                || shape.get(1) != classWeights.length) {
            throw new IllegalArgumentException(
                    "logits "
                            + shape
                            + " do not fit "
                            + labels.length
                            + " label maps and "
                            + classWeights.length
                            + " classes");
        }
        decision.checkImages(labels.length);
        NDManager manager = logits.getManager();
        double lambda = decision.lambda();
        TensorFormat format = outputs.format();
        PixelTargets plain = PixelTargets.of(manager,
                new PixelTargets.Labels(labels, height, width), classWeights, -1, format);
        // both branches' cross-entropies in one pass (one upsampling, one log-softmax)
        List<NDArray> entropies = PixelCrossEntropy.weightedMeans(
                List.of(logits, outputs.dropLogits()),
                List.of(plain, dropTargets(manager, labels, height, width, decision, format)));
        // weights as tensors of their own (Scalars): DJL's mul(Number) breaks the backward pass
        NDArray ce = Scalars.times(entropies.get(0), 1 - lambda);
        NDArray sup = Scalars.times(suppression(outputs.dropLogits(), decision), alpha);
        NDArray drop = Scalars.times(entropies.get(1), lambda);
        // the official order of the sum: plain, suppression, drop
        NDArray total = ce.add(sup).add(drop);
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put("ce", ce);
        parts.put("drop", drop);
        parts.put("sup", sup);
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("dropped_class", (double) (float) decision.droppedClass());
        diagnostics.put("dropped", decision.dropped() ? 1.0 : 0.0);
        diagnostics.put("lambda", (double) (float) lambda); // float as it always was written
        return new Terms(total, parts, diagnostics,
                Map.of(Terms.LOGITS, logits, DROP_LOGITS, outputs.dropLogits()));
    }

    /** Targets of L_drop: the dropped class's pixels ignored (per image: each image's z_b). */
    private PixelTargets dropTargets(NDManager manager, byte[][] labels, int height, int width,
            DropDecision decision, TensorFormat format) {
        if (decision.unit() == SamplingUnit.BATCH) {
            return PixelTargets.of(manager, new PixelTargets.Labels(labels, height, width),
                    classWeights, decision.droppedClass(), format);
        }
        return PixelTargets.of(manager,
                new PixelTargets.Labels(decision.relabel(labels), height, width), classWeights,
                -1, format);
    }

    /**
     * L_sup, unweighted: the mean probability of the dropped class over all positions, or 0 when
     * nothing is dropped.
     *
     * @param dropLogits ŷ_drop, (B, K, h, w); not closed
     * @param decision the decision
     * @return a scalar, attached to the logits' manager
     */
    public static NDArray suppression(NDArray dropLogits, DropDecision decision) {
        NDManager manager = dropLogits.getManager();
        if (!decision.dropped()) {
            return Scalars.constant(dropLogits, 0);
        }
        Shape shape = dropLogits.getShape(); // (B, K, h, w)
        decision.checkImages(Math.toIntExact(shape.get(0)));
        int classes = Math.toIntExact(shape.get(1));
        int rows = decision.maskRows();
        float[] oneHot = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            oneHot[r * classes + decision.droppedClassOf(r)] = 1f;
        }
        // (R, K, 1, 1), R = 1 or B; a copy that owns its memory, as autograd keeps it (toType
        // to the array's own type would return the borrowed buffer)
        try (NDArray borrowed = manager.create(oneHot, new Shape(rows, classes, 1, 1));
                NDArray owned = borrowed.duplicate();
                NDArray selector = owned.toType(dropLogits.getDataType(), false);
                NDArray probabilities = dropLogits.softmax(1); // (B, K, h, w)
                NDArray picked = probabilities.mul(selector); // (B, K, h, w), 0 but at z
                NDArray perPixel = picked.sum(new int[] {1})) { // (B, h, w): p_z
            return perPixel.mean();
        }
    }
}
