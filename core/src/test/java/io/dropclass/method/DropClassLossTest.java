package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dropclass.loss.PixelCrossEntropy;
import io.dropclass.loss.PixelTargets;
import io.dropclass.training.TrainingObjective.Terms;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropClassLossTest {

    private static final double[] WEIGHTS = {0.8, 1.1, 1.3};
    private static final byte IGNORE = (byte) 255;

    /** (B = 2, K = 3, h = 1, w = 2), channel-major per image. */
    private static final float[] LOGITS = {
        1f, 0f, // class 0
        0f, 2f, // class 1
        -1f, 1f, // class 2
        0.5f, 0.5f,
        0.5f, -0.5f,
        3f, 0f
    };

    @Test
    void suppressionIsTheMeanProbabilityOfTheDroppedClassOverAllPositions() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 3, 1, 2));

            float batch =
                    DropClassLoss.suppression(logits, DropDecision.forced(1, 0.5, 1)).getFloat();
            float perImage =
                    DropClassLoss.suppression(
                                    logits,
                                    new DropDecision(
                                            1, 0.5, SamplingUnit.IMAGE, List.of(1, 2), true))
                            .getFloat();
            float none = DropClassLoss.suppression(logits, DropDecision.none(1, 0.5)).getFloat();

            double p1 = (prob(0, 0, 1) + prob(0, 1, 1) + prob(1, 0, 1) + prob(1, 1, 1)) / 4;
            double mixed = (prob(0, 0, 1) + prob(0, 1, 1) + prob(1, 0, 2) + prob(1, 1, 2)) / 4;
            assertThat((double) batch).isCloseTo(p1, within(1e-6));
            assertThat((double) perImage).isCloseTo(mixed, within(1e-6));
            assertThat(none).isZero();
        }
    }

    @Test
    void dropBranchCrossEntropyIgnoresTheDroppedClassPixels() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // Given: one image, labels {0, 1} at logit size, class 1 dropped
            NDArray plain = manager.create(new float[] {0, 0, 0, 0, 0, 0}, new Shape(1, 3, 1, 2));
            NDArray drop = manager.create(new float[] {2, 0, 0, 1, 1, -1}, new Shape(1, 3, 1, 2));
            byte[][] labels = {{0, 1}};
            double lambda = 0.25;
            DropClassLoss loss = new DropClassLoss(WEIGHTS, 10);

            // When
            Terms terms =
                    loss.compute(
                            new DropClassOutputs(plain, drop),
                            labels,
                            1,
                            2,
                            DropDecision.forced(2, lambda, 1));

            // Then: only pixel 0 (class 0) counts: −log softmax(2, 0, 1)_0
            double ceDrop = -Math.log(Math.exp(2) / (Math.exp(2) + 1 + Math.exp(1)));
            assertThat((double) terms.parts().get("drop").getFloat())
                    .isCloseTo(lambda * ceDrop, within(1e-6));
            assertThat((double) terms.parts().get("ce").getFloat())
                    .isCloseTo((1 - lambda) * Math.log(3), within(1e-6));
            double supByHand = (softmax(drop, 1, 0) + softmax(drop, 1, 1)) / 2;
            assertThat((double) terms.parts().get("sup").getFloat())
                    .isCloseTo(10 * supByHand, within(1e-5));
        }
    }

    @Test
    void totalIsTheWeightedSumAndThePartsAreLogged() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 3, 1, 2));
            NDArray drop = logits.mul(0.5f).add(0.25f);
            byte[][] labels = {{0, 1, 2, IGNORE}, {2, 2, 1, 0}}; // 2×2 labels: upsampled logits
            DropDecision decision = DropDecision.forced(300, 300.0 / 968, 2);
            DropClassLoss loss = new DropClassLoss(WEIGHTS, 10);

            Terms terms = loss.compute(new DropClassOutputs(logits, drop), labels, 2, 2, decision);

            double lambda = decision.lambda();
            float ce = ce(logits, PixelTargets.of(manager, labels, 2, 2, WEIGHTS, -1));
            float dropCe =
                    ce(drop, PixelTargets.of(manager, decision.relabel(labels), 2, 2, WEIGHTS, -1));
            float sup = DropClassLoss.suppression(drop, decision).getFloat();
            assertThat(terms.parts().keySet()).containsExactly("ce", "drop", "sup");
            assertThat(terms.diagnostics().keySet())
                    .containsExactly("dropped_class", "dropped", "lambda");
            assertThat(terms.parts().get("ce").getFloat())
                    .isCloseTo((float) ((1 - lambda) * ce), within(1e-6f));
            assertThat(terms.parts().get("drop").getFloat())
                    .isCloseTo((float) (lambda * dropCe), within(1e-6f));
            assertThat(terms.parts().get("sup").getFloat()).isCloseTo(10 * sup, within(1e-5f));
            float sum =
                    terms.parts().get("ce").getFloat()
                            + terms.parts().get("drop").getFloat()
                            + terms.parts().get("sup").getFloat();
            assertThat(terms.total().getFloat()).isCloseTo(sum, within(1e-6f));
            assertThat(terms.diagnostics().get("dropped_class").floatValue()).isEqualTo(2f);
            assertThat(terms.diagnostics().get("dropped").floatValue()).isEqualTo(1f);
            assertThat(terms.diagnostics().get("lambda").floatValue()).isEqualTo((float) lambda);
        }
    }

    @Test
    void withoutADropTheDropBranchSeesEveryLabelAndNothingIsSuppressed() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 3, 1, 2));
            byte[][] labels = {{0, 1}, {2, 1}};
            DropDecision decision = new DropDecision(5, 0.5, SamplingUnit.BATCH, List.of(1), false);

            Terms terms =
                    new DropClassLoss(WEIGHTS, 10)
                            .compute(new DropClassOutputs(logits, logits), labels, 1, 2, decision);

            assertThat(terms.parts().get("drop").getFloat())
                    .isCloseTo(terms.parts().get("ce").getFloat(), within(1e-7f));
            assertThat(terms.parts().get("sup").getFloat()).isZero();
            assertThat(terms.diagnostics().get("dropped_class").floatValue()).isEqualTo(-1f);
            assertThat(terms.diagnostics().get("dropped").floatValue()).isZero();
        }
    }

    @Test
    void perImageDecisionsIgnoreEachImagesOwnClass() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 3, 1, 2));
            byte[][] labels = {{0, 1}, {2, 1}};
            DropDecision decision =
                    new DropDecision(5, 0.5, SamplingUnit.IMAGE, List.of(1, 2), true);

            Terms terms =
                    new DropClassLoss(WEIGHTS, 0)
                            .compute(new DropClassOutputs(logits, logits), labels, 1, 2, decision);

            byte[][] relabelled = {{0, IGNORE}, {IGNORE, 1}};
            float expected =
                    0.5f * ce(logits, PixelTargets.of(manager, relabelled, 1, 2, WEIGHTS, -1));
            assertThat(terms.parts().get("drop").getFloat()).isCloseTo(expected, within(1e-7f));
        }
    }

    private static float ce(NDArray logits, PixelTargets targets) {
        return PixelCrossEntropy.weightedMean(logits, targets).getFloat();
    }

    /** softmax over K of LOGITS at (image, position), class k. */
    private static double prob(int image, int position, int k) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Math.exp(LOGITS[(image * 3 + c) * 2 + position]);
        }
        return Math.exp(LOGITS[(image * 3 + k) * 2 + position]) / sum;
    }

    /** softmax over K of a (1, K, 1, 2) array at a position, class k. */
    private static double softmax(NDArray logits, int k, int position) {
        float[] v = logits.toFloatArray();
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Math.exp(v[c * 2 + position]);
        }
        return Math.exp(v[k * 2 + position]) / sum;
    }
}
