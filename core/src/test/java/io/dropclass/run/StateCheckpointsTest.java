package io.dropclass.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dropclass.testing.TinyNetwork;
import io.dropclass.testing.TrainingSteps;
import io.dropclass.training.PixelLossObjective;
import io.dropclass.training.Sgd;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training-state checkpoint files: round trip, interrupted writes, retention. */
class StateCheckpointsTest {

    private static final int K = 3;

    @TempDir Path dir;

    private static TrainingState state(int iteration) {
        return new TrainingState(iteration, 0, 7, "hash", 0.25, 2, 0, 0.01);
    }

    /** Fails after a number of bytes, as a full disk or a crash in the middle of a write. */
    private static final class FailingAfter extends FilterOutputStream {
        private long left;

        FailingAfter(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("disk full (injected)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void anInterruptedWriteLeavesThePreviousCheckpointIntactAndResumeUsesIt() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork network = new TinyNetwork(4, K);
            network.initializeParameters(manager, 1);
            StateCheckpoints store = new StateCheckpoints(dir);
            try (Sgd sgd = TrainingSteps.sgd(manager, network)) {
                PixelLossObjective objective = PixelLossObjective.crossEntropy(network, new double[K]);
                SplittableRandom random = new SplittableRandom(3);
                TrainingSteps.step(manager, objective, sgd,
                        TrainingSteps.randomBatch(0, random, 2, 8, 8, K));
                Path first = store.write(network, sgd, state(1), 11);
                byte[] before = Files.readAllBytes(first);

                TrainingSteps.step(manager, objective, sgd,
                        TrainingSteps.randomBatch(1, random, 2, 8, 8, K));
                store.outputFilter = out -> new FailingAfter(out, before.length / 2);
                assertThatThrownBy(() -> store.write(network, sgd, state(2), 11))
                        .isInstanceOf(IOException.class).hasMessageContaining("injected");

                assertThat(Files.readAllBytes(first)).isEqualTo(before);
                assertThat(store.list()).containsExactly(first);
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.toList()).containsExactly(first); // no temporary file left
                }
                // a writer killed outright leaves its temporary file: ignored, then cleaned
                Path leftover = dir.resolve(".iter_000002.safetensors.99.x1.tmp");
                Files.write(leftover, Arrays.copyOf(before, before.length / 2));
                assertThat(store.newestIntact(w -> { }).orElseThrow().file()).isEqualTo(first);
                assertThat(store.deleteTemporaries()).isEqualTo(1);
                assertThat(leftover).doesNotExist();
            }
        }
    }

    @Test
    void restoreGivesBackWeightsAndMomentumBitForBit() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork network = new TinyNetwork(4, K);
            network.initializeParameters(manager, 1);
            StateCheckpoints store = new StateCheckpoints(dir);
            List<float[]> weights = new ArrayList<>();
            List<float[]> momentum = new ArrayList<>();
            try (Sgd sgd = TrainingSteps.sgd(manager, network)) {
                TrainingSteps.step(manager, PixelLossObjective.crossEntropy(network, new double[K]), sgd,
                        TrainingSteps.randomBatch(0, new SplittableRandom(5), 2, 8, 8, K));
                store.write(network, sgd, state(1), 11);
                network.namedParameters().values()
                        .forEach(p -> weights.add(p.getArray().toFloatArray()));
                sgd.momentumBuffers().forEach(b -> momentum.add(b.toFloatArray()));
            }
            TinyNetwork fresh = new TinyNetwork(4, K);
            fresh.initializeParameters(manager, 99); // other values everywhere
            try (Sgd sgd = TrainingSteps.sgd(manager, fresh)) {
                StateCheckpoints.Loaded loaded = store.newestIntact(w -> { }).orElseThrow();
                assertThat(loaded.state()).isEqualTo(state(1));
                StateCheckpoints.restore(loaded, fresh, sgd, manager);
                List<NDArray> arrays = fresh.namedParameters().values().stream()
                        .map(p -> p.getArray()).toList();
                for (int i = 0; i < arrays.size(); i++) {
                    assertThat(arrays.get(i).toFloatArray()).isEqualTo(weights.get(i));
                }
                for (int i = 0; i < momentum.size(); i++) {
                    assertThat(sgd.momentumBuffers().get(i).toFloatArray()).isEqualTo(momentum.get(i));
                }
            }
        }
    }

    @Test
    void pruneKeepsTheNewestAndTheProtectedOne() throws IOException {
        StateCheckpoints store = new StateCheckpoints(dir);
        for (int i : new int[] {100, 200, 300, 400, 500}) {
            Files.writeString(dir.resolve(StateCheckpoints.fileName(i)), "x");
        }
        store.prune(2, 200);
        assertThat(store.list().stream().map(StateCheckpoints::iterationOf).toList())
                .containsExactly(200, 400, 500);
    }
}
