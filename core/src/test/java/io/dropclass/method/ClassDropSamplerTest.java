package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassDropSamplerTest {

    private static final int K = 19;
    private static final byte[][] BATCH = new byte[2][4];

    @Test
    void drawsTheClassFirstThenTheUniformAsTheOfficialCode() {
        // Given: the same seed drawn by hand
        SplittableRandom byHand = new SplittableRandom(777);
        var sampler = ClassDropSampler.official(K, new SplittableRandom(777));
        for (int i = 0; i < 50; i++) {
            int z = byHand.nextInt(K);
            double u = byHand.nextDouble();
            // When
            DropDecision d = sampler.sample(300, 0.3, BATCH);
            // Then: kept iff u > p
            assertThat(d.sampledClasses()).containsExactly(z);
            assertThat(d.dropped()).isEqualTo(u <= 0.3);
            assertThat(d.unit()).isEqualTo(SamplingUnit.BATCH);
        }
    }

    @Test
    void classesAreUniformAndTheDropRateIsP() {
        // Given
        var sampler = ClassDropSampler.official(K, new SplittableRandom(1));
        int draws = 95_000;
        double p = 0.3;
        long[] counts = new long[K];
        int dropped = 0;
        // When
        for (int i = 0; i < draws; i++) {
            DropDecision d = sampler.sample(0, p, BATCH);
            counts[d.sampledClasses().get(0)]++;
            dropped += d.dropped() ? 1 : 0;
        }
        // Then: chi-square with 18 degrees of freedom (p = 0.001 critical value 42.3)
        double expected = (double) draws / K;
        double chiSquare = 0;
        for (long c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(42.3);
        double sigma = Math.sqrt(p * (1 - p) / draws);
        assertThat((double) dropped / draws).isCloseTo(p, within(5 * sigma));
    }

    @Test
    void epochZeroNeverDropsAndProbabilityOneAlwaysDrops() {
        var sampler = ClassDropSampler.official(K, new SplittableRandom(2));
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.sample(0, 0.0, BATCH).dropped()).isFalse();
            assertThat(sampler.sample(1, 1.0, BATCH).dropped()).isTrue();
        }
    }

    @Test
    void presentClassOptionDrawsOnlyLabelledClasses() {
        // Given: classes 3 and 7 and ignore pixels
        byte[][] labels = {{3, 3, (byte) 255}, {7, (byte) 255, 3}};
        var sampler =
                ClassDropSampler.of(K, new SplittableRandom(3), SamplingUnit.BATCH, true);
        Set<Integer> seen = new HashSet<>();
        // When
        for (int i = 0; i < 200; i++) {
            seen.add(sampler.sample(1, 0.5, labels).sampledClasses().get(0));
        }
        // Then
        assertThat(seen).containsExactlyInAnyOrder(3, 7);
    }

    @Test
    void presentClassOptionFallsBackToAllClassesWithoutLabels() {
        byte[][] unlabelled = {{(byte) 255, (byte) 255}};
        var sampler =
                ClassDropSampler.of(K, new SplittableRandom(4), SamplingUnit.BATCH, true);
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 2000; i++) {
            seen.add(sampler.sample(1, 0.5, unlabelled).sampledClasses().get(0));
        }

        assertThat(seen).hasSize(K);
    }

    @Test
    void perImageSamplingDrawsOneClassPerImageAndOneDropFlag() {
        // Given: per image the classes present in that image
        byte[][] labels = {{1, 1}, {5, 6}, {9, 9}};
        var sampler =
                ClassDropSampler.of(K, new SplittableRandom(5), SamplingUnit.IMAGE, true);
        Set<List<Integer>> combinations = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            // When
            DropDecision d = sampler.sample(2, 0.5, labels);
            // Then
            assertThat(d.unit()).isEqualTo(SamplingUnit.IMAGE);
            assertThat(d.sampledClasses()).hasSize(3);
            assertThat(d.sampledClasses().get(0)).isEqualTo(1);
            assertThat(d.sampledClasses().get(1)).isIn(5, 6);
            assertThat(d.sampledClasses().get(2)).isEqualTo(9);
            combinations.add(d.sampledClasses());
        }
        assertThat(combinations).hasSize(2);
    }

    @Test
    void perImageSamplingOverAllClassesVariesBetweenImages() {
        var sampler =
                ClassDropSampler.of(K, new SplittableRandom(6), SamplingUnit.IMAGE, false);

        DropDecision d = sampler.sample(2, 1.0, new byte[8][1]);

        assertThat(d.dropped()).isTrue();
        assertThat(new HashSet<>(d.sampledClasses()).size()).isGreaterThan(1);
        assertThat(d.maskRows()).isEqualTo(8);
    }

    @Test
    void forcedSamplerIgnoresTheProbability() {
        assertThat(ClassDropSampler.forced(K, 12).sample(0, 0, 0.0, BATCH))
                .isEqualTo(DropDecision.forced(0, 0.0, 12));
        assertThat(ClassDropSampler.forced(K, -1).sample(0, 5, 0.9, BATCH).dropped()).isFalse();
    }

    @Test
    void aSeededSamplerDrawsIterationIFromTheSeedAndIAlone() {
        var whole = ClassDropSampler.seeded(K, 9, SamplingUnit.BATCH, false);
        List<DropDecision> uninterrupted = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            uninterrupted.add(whole.sample(i, 0, 0.5, BATCH));
        }
        var resumed = ClassDropSampler.seeded(K, 9, SamplingUnit.BATCH, false);
        for (int i = 30; i < 50; i++) { // a run resumed at 30
            assertThat(resumed.sample(i, 0, 0.5, BATCH)).isEqualTo(uninterrupted.get(i));
        }
        assertThat(uninterrupted.stream().map(d -> d.sampledClasses().get(0)).distinct().count())
                .isGreaterThan(5);
        assertThat(uninterrupted.stream().filter(DropDecision::dropped).count()).isBetween(10L, 40L);
        // z first, u second: the pair of iteration i is (nextInt(K), nextDouble()) of its generator
        java.util.SplittableRandom g =
                new java.util.SplittableRandom(SeededClassDropSampler.iterationSeed(9, 7));
        int z = g.nextInt(K);
        double u = g.nextDouble();
        assertThat(uninterrupted.get(7).sampledClasses()).containsExactly(z);
        assertThat(uninterrupted.get(7).dropped()).isEqualTo(u <= 0.5);
    }
}
