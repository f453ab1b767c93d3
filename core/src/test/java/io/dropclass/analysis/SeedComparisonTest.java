package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeedComparisonTest {

    @Test
    void summarySkipsAbsentValuesAndUsesTheSampleStandardDeviation() {
        SeedComparison.Summary s = SeedComparison.summary(new double[] {1, 2, 3, Double.NaN});
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(1.0, within(1e-12));
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void aConsistentGainIsNotNoiseAndAMixedOneIs() {
        SeedComparison.Difference gain = SeedComparison.paired(
                new double[] {0.52, 0.55, 0.53}, new double[] {0.50, 0.51, 0.50}, 1);
        assertThat(gain.mean()).isCloseTo(0.03, within(1e-12));
        assertThat(gain.low()).isGreaterThan(0);
        assertThat(gain.withinNoise()).isFalse();
        SeedComparison.Difference mixed = SeedComparison.paired(
                new double[] {0.52, 0.48, 0.51}, new double[] {0.50, 0.51, 0.50}, 1);
        assertThat(mixed.withinNoise()).isTrue();
        assertThat(mixed.low()).isLessThan(0).isLessThanOrEqualTo(mixed.mean());
        assertThat(mixed.high()).isGreaterThan(0);
    }

    @Test
    void oneSeedCannotTellSignalFromNoise() {
        SeedComparison.Difference d = SeedComparison.paired(new double[] {0.9},
                new double[] {0.1}, 1);
        assertThat(d.mean()).isCloseTo(0.8, within(1e-12));
        assertThat(d.withinNoise()).isTrue();
        assertThat(d.pairs()).isEqualTo(1);
    }
}
