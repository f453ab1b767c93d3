package io.dropclass.evaluation.cityscapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed cases of the official definitions (the fixture test covers the rest). */
class CityscapesMetricsTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void instancePixelsAreWeightedByTheAverageSizeOverTheInstanceSize() {
        // two persons (24): one of 2 pixels, both found; one of 4 pixels, 1 found, 1 as rider,
        // 2 as road; a road pixel predicted as person (FP); an ego-vehicle pixel predicted as person
        // (ignored ground truth: no FP)
        byte[] gt = bytes(24, 24, 24, 24, 24, 24, 7, 1);
        int[] inst = {24000, 24000, 24001, 24001, 24001, 24001, 7, 1};
        byte[] pred = bytes(24, 24, 24, 25, 7, 7, 24, 24);
        CityscapesMetrics m = new CityscapesMetrics();
        m.add(gt, inst, pred);
        CityscapesCounts counts = m.counts();
        CityscapesScores s = counts.scores();

        double avg = 3462.4756337644;
        double tpw = 2 * (avg / 2) + 1 * (avg / 4);
        double fnw = 0 * (avg / 2) + 3 * (avg / 4);
        assertThat(s.classInstScores().get("person")).isEqualTo(tpw / (tpw + 1 + fnw));
        assertThat(s.classScores().get("person")).isEqualTo(3.0 / (3 + 1 + 3));
        // human: the rider pixel counts for the category
        double catTpw = 2 * (avg / 2) + 2 * (avg / 4);
        double catFnw = 2 * (avg / 4);
        assertThat(s.categoryInstScores().get("human")).isEqualTo(catTpw / (catTpw + 1 + catFnw));
        assertThat(s.classInstScores().get("road")).isNaN();
        assertThat(s.classScores().get("ego vehicle")).isNaN();
        assertThat(s.classScores().get("car")).isNaN(); // absent from both
        assertThat(s.classInstScores().get("rider")).isEqualTo(0.0); // predicted, never labelled
        assertThat(counts.classInstances().get("person").tp()).isEqualTo(3);
        assertThat(s.averageScoreInstClasses()).isCloseTo(
                (s.classInstScores().get("person") + 0.0) / 2, within(1e-15));
    }

    @Test
    void instancesOfIgnoredLabelsAndCrowdsAreSkipped() {
        byte[] gt = bytes(29, 29, 26, 26);
        int[] inst = {29000, 29000, 26, 26}; // a caravan instance, a car crowd
        byte[] pred = bytes(26, 26, 26, 7);
        CityscapesMetrics m = new CityscapesMetrics();
        m.add(gt, inst, pred);
        CityscapesCounts counts = m.counts();
        assertThat(counts.classInstances().get("car")).isEqualTo(InstanceCounts.ZERO);
        assertThat(counts.categoryInstances().get("vehicle")).isEqualTo(InstanceCounts.ZERO);
        // car: TP 1, FN 1, FP 0 (the caravan rows are ignored)
        assertThat(counts.scores().classScores().get("car")).isEqualTo(0.5);
        // crowd pixels give no instance counts and nothing is a false positive: iIoU undefined
        assertThat(counts.scores().classInstScores().get("car")).isNaN();
    }

    @Test
    void valuesThatAreNoLabelIdAreRefusedAndNothingIsAdded() {
        CityscapesMetrics m = new CityscapesMetrics();
        assertThatThrownBy(() -> m.add(bytes(7, 255), new int[2], bytes(7, 7)))
                .hasMessageContaining("ground truth 255");
        assertThatThrownBy(() -> m.add(bytes(7, 7), new int[2], bytes(7, 40)))
                .hasMessageContaining("prediction 40");
        assertThatThrownBy(() -> m.add(bytes(7, 7), new int[] {7000, 7}, bytes(7, 7)))
                .hasMessageContaining("road").hasMessageContaining("no instances");
        assertThatThrownBy(() -> m.add(bytes(7, 7), new int[] {50000, 7}, bytes(7, 7)))
                .hasMessageContaining("50000");
        assertThatThrownBy(() -> m.add(bytes(7), new int[2], bytes(7, 7)))
                .hasMessageContaining("size");
        assertThat(m.counts()).isEqualTo(CityscapesCounts.empty());
        assertThat(m.counts().scores().averageScoreClasses()).isNaN();
    }
}
