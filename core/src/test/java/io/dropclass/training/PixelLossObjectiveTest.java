package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.loss.PixelLoss;
import io.dropclass.testing.TinyNetwork;
import io.dropclass.training.TrainingObjective.Terms;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelLossObjectiveTest {

    private static final int K = 4;
    private static final double[] WEIGHTS = {1, 2, 0.5, 1.5};

    /** Forward, backward and one SGD step that changes the loss. */
    private static void oneStep(PixelLoss loss, long seed) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork network = new TinyNetwork(6, K);
            network.initializeParameters(manager, seed);
            PixelLossObjective objective = new PixelLossObjective(network, WEIGHTS, loss);
            // the optimizer first: it moves the parameters into its buffer
            Sgd sgd = Sgd.over(manager, network.trainableParameters(), network.tensorFormat(), 0,
                    0, false);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(2, 3, 6, 8));
            Terms terms;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms = objective.loss(ps, images, batch(), 0);
                collector.backward(terms.total());
            }
            float total = terms.total().getFloat();
            assertThat(total).as(loss.name()).isFinite().isGreaterThan(0f);
            float sum = 0;
            for (NDArray part : terms.parts().values()) {
                sum += part.getFloat();
            }
            assertThat(total).as(loss.name()).isCloseTo(sum, within(1e-5f));
            double norm = 0;
            for (float g : network.classifierWeight().getArray().getGradient().toFloatArray()) {
                assertThat(g).as(loss.name()).isFinite();
                norm += Math.abs(g);
            }
            assertThat(norm).as(loss.name() + " gradient").isGreaterThan(0);
            try (sgd) {
                sgd.step(1e-3);
            }
            float after = objective.loss(ps, images, batch(), 0).total().getFloat();
            assertThat(after).as(loss.name() + " after one step").isFinite().isNotEqualTo(total);
        }
    }

    @Test
    void everyStrategyTrainsATinyNetworkOneStepWithAFiniteLoss() {
        for (PixelLoss loss : List.of(PixelLoss.weightedCrossEntropy(), PixelLoss.focal(2),
                PixelLoss.ohem(0.7, 10), PixelLoss.lovasz(0), PixelLoss.lovasz(1))) {
            oneStep(loss, 11);
        }
    }

    @Test
    void partsAreNamedForTheHistory() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork network = new TinyNetwork(6, K);
            network.initializeParameters(manager, 3);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(2, 3, 6, 8));
            assertThat(parts(network, ps, images, PixelLoss.weightedCrossEntropy()))
                    .containsExactly("ce");
            assertThat(parts(network, ps, images, PixelLoss.focal(2))).containsExactly("focal");
            assertThat(parts(network, ps, images, PixelLoss.ohem(0.7, 100)))
                    .containsExactly("ohem");
            assertThat(parts(network, ps, images, PixelLoss.lovasz(0))).containsExactly("lovasz");
            assertThat(parts(network, ps, images, PixelLoss.lovasz(0.5)))
                    .containsExactly("lovasz", "ce");
        }
    }

    @Test
    void theCrossEntropyPartOfLovaszIsWeighted() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork network = new TinyNetwork(6, K);
            network.initializeParameters(manager, 5);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(2, 3, 6, 8));
            float ce = new PixelLossObjective(network, WEIGHTS, PixelLoss.weightedCrossEntropy())
                    .loss(ps, images, batch(), 0).total().getFloat();
            Terms lovasz = new PixelLossObjective(network, WEIGHTS, PixelLoss.lovasz(0.5))
                    .loss(ps, images, batch(), 0);
            assertThat(lovasz.parts().get("ce").getFloat()).isCloseTo(0.5f * ce, within(1e-6f));
        }
    }

    @Test
    void focalWithGammaZeroIsTheCrossEntropyObjective() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork network = new TinyNetwork(6, K);
            network.initializeParameters(manager, 9);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(2, 3, 6, 8));
            float ce = PixelLossObjective.crossEntropy(network, WEIGHTS).loss(ps, images, batch(), 0)
                    .total().getFloat();
            float focal = new PixelLossObjective(network, WEIGHTS, PixelLoss.focal(0))
                    .loss(ps, images, batch(), 0).total().getFloat();
            assertThat(focal).isEqualTo(ce);
        }
    }

    @Test
    void invalidParametersAreRejected() {
        TinyNetwork network = new TinyNetwork(6, K);
        assertThatThrownBy(() -> new PixelLossObjective(network, new double[3],
                PixelLoss.weightedCrossEntropy()))
                .hasMessageContaining("expected 4 class weights, got 3");
        assertThatThrownBy(() -> PixelLoss.focal(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PixelLoss.ohem(0.7, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PixelLoss.lovasz(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAreTheConfigurationMethodNames() {
        assertThat(List.of(PixelLoss.weightedCrossEntropy(), PixelLoss.focal(2),
                PixelLoss.ohem(0.7, 1), PixelLoss.lovasz(1)).stream().map(PixelLoss::name))
                .containsExactly("weighted_ce", "focal", "ohem", "lovasz");
    }

    private static List<String> parts(TinyNetwork network, ParameterStore ps, NDArray images,
            PixelLoss loss) {
        return List.copyOf(new PixelLossObjective(network, WEIGHTS, loss)
                .loss(ps, images, batch(), 0).parts().keySet());
    }

    private static TrainingBatch batch() {
        byte[][] labels = new byte[2][6 * 8];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < labels[b].length; i++) {
                labels[b][i] = (byte) (i % 7 == 0 ? 255 : (i + b) % K);
            }
        }
        return new TrainingBatch(3, new float[2 * 3 * 6 * 8], labels, 6, 8);
    }
}
