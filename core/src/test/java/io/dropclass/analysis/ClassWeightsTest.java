package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weights of {@link ListDataset#twoImages()}: n = 5, 1, 2, 0 (N = 8, K = 4), images 2, 1, 1, 0,
 * labelled pixels of the images containing the class 8, 4, 4, 0.
 */
class ClassWeightsTest {

    private static final ClassStatistics STATS = ClassStatistics.compute(ListDataset.twoImages());

    private static double[] values(ClassWeightVector v) {
        return v.weights().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void inverseFrequencyIsTotalOverClassesTimesCount() {
        // 8 / (4 * 5), 8 / (4 * 1), 8 / (4 * 2), unseen
        ClassWeightVector w = ClassWeights.inverseFrequency(STATS);

        assertThat(values(w)).containsExactly(new double[] {0.4, 2, 1, 0}, within(1e-12));
        assertThat(w.unseenClasses()).containsExactly(3);
        assertThat(w.scheme()).isEqualTo("inverse");
    }

    @Test
    void inverseFrequencyCanBeClipped() {
        assertThat(values(ClassWeights.inverseFrequency(STATS, 1.5)))
                .containsExactly(new double[] {0.4, 1.5, 1, 0}, within(1e-12));
        assertThatThrownBy(() -> ClassWeights.inverseFrequency(STATS, 0))
                .hasMessage("maxWeight must be positive, got 0.0");
    }

    @Test
    void medianFrequencyDividesByPixelsOfTheImagesContainingTheClass() {
        // freq = 5/8, 1/4, 2/4 -> median 0.5 -> 0.5/0.625, 0.5/0.25, 0.5/0.5
        ClassWeightVector w = ClassWeights.medianFrequency(STATS);

        assertThat(values(w)).containsExactly(new double[] {0.8, 2, 1, 0}, within(1e-12));
        assertThat(w.unseenClasses()).containsExactly(3);
    }

    @Test
    void enetIsOneOverLogOfConstantPlusShare() {
        // 1/ln(1.645) = 2.009079, 1/ln(1.145) = 7.385271, 1/ln(1.27) = 4.183805
        assertThat(values(ClassWeights.enet(STATS)))
                .containsExactly(new double[] {2.009079, 7.385271, 4.183805, 0}, within(1e-6));
    }

    @Test
    void effectiveNumberOnImagesIsNormalisedToTheNumberOfClasses() {
        // β = 0.5, n = 2, 1, 1: 0.5/0.75, 0.5/0.5, 0.5/0.5 = 2/3, 1, 1 (sum 8/3) -> times 4/(8/3)
        ClassWeightVector w = ClassWeights.effectiveNumber(STATS, 0.5, CountUnit.IMAGES);

        assertThat(values(w)).containsExactly(new double[] {1, 1.5, 1.5, 0}, within(1e-12));
        assertThat(w.unseenClasses()).containsExactly(3);
    }

    @Test
    void effectiveNumberCanCountPixels() {
        // β = 0.5, n = 5, 1, 2: 16/31, 1, 2/3 (sum 203/93) -> 192/203, 372/203, 248/203
        assertThat(values(ClassWeights.effectiveNumber(STATS, 0.5, CountUnit.PIXELS)))
                .containsExactly(
                        new double[] {192.0 / 203, 372.0 / 203, 248.0 / 203, 0}, within(1e-12));
    }

    @Test
    void effectiveNumberDefaultsToBetaNearOneOnImageCounts() {
        // 1 - 0.9999^2 = 1.9999e-4, 1 - 0.9999 = 1e-4: raw 1/1.9999, 1, 1 -> times 4 / (2 +
        // 1/1.9999)
        double scale = 4 / (2 + 1 / 1.9999);

        assertThat(values(ClassWeights.effectiveNumber(STATS)))
                .containsExactly(new double[] {scale / 1.9999, scale, scale, 0}, within(1e-9));
    }

    @Test
    void betaZeroGivesEqualWeightsToSeenClasses() {
        assertThat(values(ClassWeights.effectiveNumber(STATS, 0, CountUnit.IMAGES)))
                .containsExactly(new double[] {4.0 / 3, 4.0 / 3, 4.0 / 3, 0}, within(1e-12));
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> ClassWeights.effectiveNumber(STATS, 1, CountUnit.IMAGES))
                .hasMessage("beta must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> ClassWeights.enet(STATS, 1))
                .hasMessage("k must be finite and above 1, got 1.0");
    }

    @Test
    void withoutLabelledPixelsEveryWeightIsZeroAndEveryClassUnseen() {
        ClassStatistics empty =
                ClassStatistics.compute(
                        new ListDataset(
                                ListDataset.CATALOG, List.of(ListDataset.sample(1, 1, 255))));

        for (ClassWeightVector w :
                List.of(
                        ClassWeights.inverseFrequency(empty),
                        ClassWeights.medianFrequency(empty),
                        ClassWeights.enet(empty),
                        ClassWeights.effectiveNumber(empty))) {
            assertThat(values(w)).containsOnly(0.0);
            assertThat(w.unseenClasses()).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void weightsBecomeTheArrayTheLossTakes() {
        assertThat(ClassWeights.inverseFrequency(STATS).toArray())
                .containsExactly(new double[] {0.4, 2, 1, 0}, within(1e-12));
    }

    @Test
    void weightVectorRejectsNegativeWeightsAndFalseUnseenFlags() {
        assertThatThrownBy(() -> new ClassWeightVector("x", List.of(-1.0), List.of()))
                .hasMessage("weights must be finite and non-negative, got -1.0 for class 0");
        assertThatThrownBy(() -> new ClassWeightVector("x", List.of(1.0), List.of(0)))
                .hasMessage("unseenClasses must name classes with weight 0, got 0");
    }
}
