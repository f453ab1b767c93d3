package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierSimilarityTest {

    private static final double R = Math.sqrt(0.5); // cos 45°

    /** 1000 labelled pixels: class 0 90 %, class 1 0.5 % (rare), class 2 9.5 %. */
    private static ClassStatistics stats() {
        return new ClassStatistics(
                List.of(
                        new ClassCount(0, "road", 900, 0.9, 2, 1000),
                        new ClassCount(1, "bike", 5, 0.005, 1, 500),
                        new ClassCount(2, "car", 95, 0.095, 2, 1000)),
                0,
                2);
    }

    @Test
    void cosineOfHandComputedRowsSortedByShare() {
        // Given W = [[1, 0], [0, 1], [1, 1]]: cos(0,1) = 0, cos(0,2) = cos(1,2) = 1/√2
        float[][] w = {{1, 0}, {0, 1}, {2, 2}};

        // When
        ClassifierSimilarity s = ClassifierSimilarity.of(w, stats());

        // Then the order is by share: road (0.9), car (0.095), bike (0.005)
        assertThat(s.order()).containsExactly(0, 2, 1);
        assertThat(s.names()).containsExactly("road", "car", "bike");
        assertThat(s.shares()).containsExactly(0.9, 0.095, 0.005);
        assertRow(s.cosine().get(0), 1, R, 0);
        assertRow(s.cosine().get(1), R, 1, R);
        assertRow(s.cosine().get(2), 0, R, 1);
        assertRow(s.meanToOthers(), R / 2, R, R / 2);
        assertThat(s.rareClasses()).containsExactly(1);
        assertThat(s.rareMean()).isCloseTo(R / 2, within(1e-12));
        assertThat(s.frequentMean()).isCloseTo((R / 2 + R) / 2, within(1e-12));
    }

    @Test
    void oppositeRowsHaveMinusOneAndZeroRowsHaveZero() {
        float[][] w = {{1, -2}, {-1, 2}, {0, 0}};
        double[][] cos = ClassifierSimilarity.cosineMatrix(w);
        assertThat(cos[0][1]).isCloseTo(-1, within(1e-12));
        assertThat(cos[0][0]).isCloseTo(1, within(1e-12));
        assertThat(cos[2]).containsExactly(0, 0, 0);
        assertThat(cos[1][2]).isZero();
    }

    @Test
    void emptyGroupsGiveNullMeansAndSerialiseToJson() throws Exception {
        // Given no rare class (threshold 0)
        ClassifierSimilarity s = ClassifierSimilarity.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}, stats(), 0.0);
        assertThat(s.rareMean()).isNull();
        assertThat(s.frequentMean()).isNotNull();

        // When
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(s));

        // Then
        assertThat(json.get("order").toString()).isEqualTo("[0,2,1]");
        assertThat(json.get("cosine").get(0).get(0).asDouble()).isEqualTo(1.0);
        assertThat(json.get("rareMean").isNull()).isTrue();
        assertThat(json.get("rareShare").asDouble()).isZero();
    }

    @Test
    void rejectsMismatchedClassCounts() {
        assertThatThrownBy(() -> ClassifierSimilarity.of(new float[][] {{1, 0}, {0, 1}}, stats()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 classes");
        assertThatThrownBy(() -> ClassifierSimilarity.of(new float[][] {{1, 0}, {0}, {1, 1}}, stats()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRow(List<Double> row, double... expected) {
        assertThat(row).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(row.get(i)).as("entry %d", i).isCloseTo(expected[i], within(1e-6));
        }
    }
}
