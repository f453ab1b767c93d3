package io.dropclass.analysis.network;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassCount;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.analysis.ClassifierSimilarity;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.testing.TinyNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierWeightsTest {

    @Test
    void readsRowsOfTheSharedClassifierAndFeedsTheSimilarity() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given a DropClass network around a 5-channel, 3-class head
            TinyNetwork tiny = new TinyNetwork(5, 3);
            DropClassNetwork net = DropClassNetwork.wrap(tiny);
            net.initializeParameters(manager, 7);
            float[] flat = tiny.classifierWeight().getArray().toFloatArray(); // (3, 5, 1, 1)

            // When
            float[][] rows = ClassifierWeights.read(net);

            // Then row k is W[k, :, 0, 0] of the wrapped classifier
            assertThat(rows).hasDimensions(3, 5);
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 5; c++) {
                    assertThat(rows[k][c]).isEqualTo(flat[k * 5 + c]);
                }
            }
            ClassStatistics stats =
                    new ClassStatistics(
                            List.of(
                                    new ClassCount(0, "a", 10, 0.1, 1, 100),
                                    new ClassCount(1, "b", 85, 0.85, 1, 100),
                                    new ClassCount(2, "c", 5, 0.05, 1, 100)),
                            0,
                            1);
            ClassifierSimilarity s = ClassifierSimilarity.of(rows, stats);
            assertThat(s.order()).containsExactly(1, 0, 2);
            assertThat(s.cosine().get(0).get(0)).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        }
    }
}
