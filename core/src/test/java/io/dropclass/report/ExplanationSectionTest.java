package io.dropclass.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationSectionTest {

    @Test
    void rareAndFrequentMeansAverageEachClassesSimilarityToTheOthers() {
        // a: frequent, b and c: rare; row means off the diagonal: a (0.2+0.4)/2 = 0.3,
        // b (0.2+0.8)/2 = 0.5, c (0.4+0.8)/2 = 0.6 -> rare (0.5+0.6)/2 = 0.55, frequent 0.3
        Similarity sim = new Similarity(List.of("a", "b", "c"), new double[][] {
            {1, 0.2, 0.4}, {0.2, 1, 0.8}, {0.4, 0.8, 1}});
        double[] means = ExplanationSection.rareAndFrequent(sim,
                Map.of("a", 0.9, "b", 0.005, "c", 0.001));
        assertThat(means[0]).isCloseTo(0.55, within(1e-12));
        assertThat(means[1]).isCloseTo(0.3, within(1e-12));
    }
}
