package io.dropclass.method;

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
import io.dropclass.testing.TinyNetwork;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective.Terms;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropClassObjectiveTest {

    private static final int K = 4;
    private static final double[] WEIGHTS = {1, 1, 1, 1};

    @Test
    void lambdaComesFromTheScheduleAndTheDecisionFromTheSampler() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DropClassNetwork network = DropClassNetwork.wrap(new TinyNetwork(6, K));
            network.initializeParameters(manager, 7);
            DropClassObjective objective =
                    new DropClassObjective(
                            network,
                            WEIGHTS,
                            DropSchedule.perEpoch(10),
                            ClassDropSampler.official(K, new SplittableRandom(9)),
                            DropClassLoss.DEFAULT_ALPHA);
            SplittableRandom byHand = new SplittableRandom(9);
            TrainingBatch batch = batch(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int i = 0; i < 5; i++) {
                int z = byHand.nextInt(K);
                boolean dropped = byHand.nextDouble() <= 0.7;

                Terms terms = objective.loss(ps, images(manager), batch, 7);

                assertThat(terms.diagnostics().get("lambda").floatValue()).isCloseTo(0.7f, within(1e-7f));
                assertThat(terms.diagnostics().get("dropped").floatValue()).isEqualTo(dropped ? 1f : 0f);
                assertThat((int) terms.diagnostics().get("dropped_class").floatValue())
                        .isEqualTo(dropped ? z : -1);
            }
        }
    }

    @Test
    void aForcedDropInEpochZeroTrainsOnlyThroughThePlainBranchAndTheSuppression() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DropClassNetwork network = DropClassNetwork.wrap(new TinyNetwork(6, K));
            network.initializeParameters(manager, 8);
            DropClassObjective objective =
                    new DropClassObjective(
                            network,
                            WEIGHTS,
                            DropSchedule.perEpoch(10),
                            ClassDropSampler.forced(K, 1),
                            10);
            ParameterStore ps = new ParameterStore(manager, false);

            Terms terms;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms = objective.loss(ps, images(manager), batch(manager), 0);
                collector.backward(terms.total());
            }

            assertThat(terms.parts().get("drop").getFloat()).isZero();
            assertThat(terms.parts().get("sup").getFloat()).isGreaterThan(0f);
            NDArray convGradient =
                    network.namedParameters().get("clsdrop_conv1.weight").getArray().getGradient();
            assertThat(convGradient.abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(terms.total().getFloat())
                    .isCloseTo(
                            terms.parts().get("ce").getFloat()
                                    + terms.parts().get("sup").getFloat(),
                            within(1e-6f));
        }
    }

    @Test
    void classWeightsMustMatchTheClasses() {
        DropClassNetwork network = DropClassNetwork.wrap(new TinyNetwork(6, K));
        assertThatThrownBy(
                        () ->
                                new DropClassObjective(
                                        network,
                                        new double[3],
                                        DropSchedule.perEpoch(10),
                                        ClassDropSampler.forced(K, -1),
                                        10))
                .hasMessageContaining("expected 4 class weights, got 3");
    }

    private static NDArray images(NDManager manager) {
        return manager.randomNormal(new Shape(2, 3, 6, 8));
    }

    private static TrainingBatch batch(NDManager manager) {
        byte[][] labels = new byte[2][6 * 8];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < labels[b].length; i++) {
                labels[b][i] = (byte) (i % 7 == 0 ? 255 : (i + b) % K);
            }
        }
        return new TrainingBatch(3, new float[2 * 3 * 6 * 8], labels, 6, 8);
    }
}
