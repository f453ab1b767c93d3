package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.data.transform.RandomScale;
import io.dropclass.data.transform.TransformPresets;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import io.dropclass.testing.TinyNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A NaN loss term stops the run naming the iteration and the term, or skips the step. */
class NonFiniteLossTest {

    private static final int K = 3;

    /** Cross-entropy whose part {@code drop} is NaN at chosen steps; updates a running mean. */
    private static final class NanAt implements TrainingObjective {
        private final PixelLossObjective ce;
        private final Set<Integer> nanSteps;
        private final NDArray runningMean;

        NanAt(TinyNetwork network, Set<Integer> nanSteps, NDArray runningMean) {
            this.ce = PixelLossObjective.crossEntropy(network, new double[] {1, 1, 1});
            this.nanSteps = nanSteps;
            this.runningMean = runningMean;
        }

        @Override
        public Terms loss(ParameterStore ps, NDArray images, TrainingBatch batch, int epoch) {
            // as a BatchNorm forward: the running statistic moves with every training forward
            runningMean.set(new float[] {runningMean.getFloat() + 1});
            Terms plain = ce.loss(ps, images, batch, epoch);
            float value = nanSteps.contains(batch.iteration() + 1) ? Float.NaN : 0f;
            NDArray drop = images.getManager().full(new Shape(), value); // () scalar
            Map<String, NDArray> parts = new LinkedHashMap<>(plain.parts());
            parts.put("drop", drop);
            return new Terms(plain.total().add(drop), parts);
        }
    }

    /** Records the parameters and momentum after each step, and the skipped steps. */
    private static final class Recorder implements TrainingListener {
        final Map<Integer, List<float[]>> after = new HashMap<>();
        final List<IterationRecord> records = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final TinyNetwork network;
        final Sgd[] sgd;
        final NDArray runningMean;
        final Map<Integer, Float> mean = new HashMap<>();

        Recorder(TinyNetwork network, Sgd[] sgd, NDArray runningMean) {
            this.network = network;
            this.sgd = sgd;
            this.runningMean = runningMean;
        }

        @Override
        public void onIteration(IterationRecord record, boolean logged) {
            records.add(record);
            List<float[]> state = new ArrayList<>();
            network.trainableArrays().forEach(a -> state.add(a.toFloatArray()));
            sgd[0].momentumBuffers().forEach(b -> state.add(b.toFloatArray()));
            after.put(record.iteration(), state);
            mean.put(record.iteration(), runningMean.getFloat());
        }

        @Override
        public void onValidation(int iteration, SegmentationEvaluation evaluation) {}

        @Override
        public void onSkipped(int iteration, StepResult.NonFiniteTerm term, int skippedSteps) {
            skipped.add(iteration + ":" + term.term() + ":" + term.value() + ":" + skippedSteps);
        }
    }

    private static Recorder fit(Set<Integer> nanSteps, NonFinitePolicy policy)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork network = new TinyNetwork(4, K);
            network.initializeParameters(manager, 3);
            NDArray runningMean = manager.zeros(new Shape(1));
            Sgd[] sgd = new Sgd[1];
            Recorder recorder = new Recorder(network, sgd, runningMean);
            var data = BatchLoaderTest.Images.random(6, 2);
            var transform = TransformPresets.standard(new PairedTransform.Size(16, 16),
                RandomScale.steps(0.5, 2.0, 0.25), true, false, 0.75);
            try (Sgd optimizer = Sgd.over(manager, network.trainableParameters(),
                    network.tensorFormat(), 0.9, 5e-4, false);
                    BatchLoader loader = new BatchLoader(data, transform, 2, 42, 1, 0)) {
                sgd[0] = optimizer;
                var schedule = new SegmentationTrainer.Schedule(5, 100, 1,
                        new PolyLearningRate(0.01, 5, 0.9), 0);
                TrainingStep step = new TrainingStep(new NanAt(network, nanSteps, runningMean),
                        optimizer, policy, List.of(runningMean), network.tensorFormat());
                new SegmentationTrainer(step, schedule, () -> null, List.of(recorder))
                        .fit(manager, loader, 0);
            } catch (TrainingDivergedException e) {
                recorder.skipped.add("stopped: " + e.getMessage());
            }
            return recorder;
        }
    }

    private static void assertSameState(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
    }

    @Test
    void stopNamesTheIterationAndTheTermAndTakesNoFurtherStep() throws IOException {
        Recorder r = fit(Set.of(3), NonFinitePolicy.STOP);
        assertThat(r.records).extracting(IterationRecord::iteration).containsExactly(1, 2);
        assertThat(r.skipped).singleElement().asString()
                .startsWith("stopped: iteration 3: loss term 'drop' is NaN")
                .contains("training stopped");
    }

    @Test
    void skipAppliesNoUpdateRestoresRunningStatisticsAndGoesOn() throws IOException {
        Recorder r = fit(Set.of(3), NonFinitePolicy.skip(2));
        assertThat(r.records).extracting(IterationRecord::iteration).containsExactly(1, 2, 3, 4, 5);
        assertThat(r.skipped).containsExactly("3:drop:NaN:1");
        assertThat(r.records.get(2).losses()).containsEntry(StepResult.SKIPPED, 1.0);
        assertThat(r.records.get(3).losses()).doesNotContainKey(StepResult.SKIPPED);
        assertSameState(r.after.get(3), r.after.get(2)); // weights and momentum untouched
        assertThat(r.mean.get(3)).isEqualTo(r.mean.get(2)); // the forward's change put back
        assertThat(r.mean.get(4)).isEqualTo(r.mean.get(2) + 1);
        // and training went on: step 4 moved the weights
        assertThat(r.after.get(4).get(0)).isNotEqualTo(r.after.get(3).get(0));
    }

    @Test
    void skipStopsOnceTheBudgetIsSpent() throws IOException {
        Recorder r = fit(Set.of(2, 4), NonFinitePolicy.skip(1));
        assertThat(r.records).extracting(IterationRecord::iteration).containsExactly(1, 2, 3);
        assertThat(r.skipped).containsExactly("2:drop:NaN:1",
                "stopped: iteration 4: loss term 'drop' is NaN (train.max_skipped_steps=1 skipped"
                        + " steps already) \u2014 training stopped; lower optimizer.lr or check the"
                        + " data");
    }
}
