package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-computed example used throughout: 3 classes, class 2 absent.
 *
 * <pre>
 *            predicted 0  1  2   labelled
 * truth 0             4  1  0   5
 * truth 1             1  3  0   4
 * truth 2             0  0  0   0
 * predicted           5  4  0   9
 * </pre>
 *
 * IoU = 4/6, 3/5, NaN; accuracy = 4/5, 3/4, NaN; pixel accuracy = 7/9.
 */
class SegmentationMetricsTest {

    static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        // The ignored last pixel is predicted as class 2, which must not count.
        m.add(
                new byte[] {0, 0, 0, 0, 0, 1, 1, 1, 1, (byte) 255},
                new byte[] {0, 0, 0, 0, 1, 0, 1, 1, 1, 2});
        return m;
    }

    @Test
    void iouIsNanWhenClassNeverAppears() {
        assertThat(SegmentationMetrics.iou(example()))
                .containsExactly(new double[] {4.0 / 6, 3.0 / 5, Double.NaN}, within(1e-12));
    }

    @Test
    void classPredictedButNeverLabelledHasZeroIouAndUndefinedAccuracy() {
        ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{2, 1}, {0, 0}});

        assertThat(SegmentationMetrics.iou(m)[1]).isZero();
        assertThat(SegmentationMetrics.classAccuracy(m)[1]).isNaN();
    }

    @Test
    void classAccuracyIsRecallAndNanWithoutLabelledPixels() {
        assertThat(SegmentationMetrics.classAccuracy(example()))
                .containsExactly(new double[] {0.8, 0.75, Double.NaN}, within(1e-12));
    }

    @Test
    void meanIouSkipsAbsentClassesUnderPresentAndCountsThemAsZeroUnderZero() {
        // (4/6 + 3/5) / 2 = 19/30; (4/6 + 3/5 + 0) / 3 = 19/45
        assertThat(SegmentationMetrics.meanIou(example(), AbsentClassPolicy.PRESENT))
                .isCloseTo(19.0 / 30, within(1e-12));
        assertThat(SegmentationMetrics.meanIou(example(), AbsentClassPolicy.ZERO))
                .isCloseTo(19.0 / 45, within(1e-12));
    }

    @Test
    void meanClassAccuracyFollowsThePolicyToo() {
        assertThat(SegmentationMetrics.meanClassAccuracy(example(), AbsentClassPolicy.PRESENT))
                .isCloseTo(0.775, within(1e-12));
        assertThat(SegmentationMetrics.meanClassAccuracy(example(), AbsentClassPolicy.ZERO))
                .isCloseTo(1.55 / 3, within(1e-12));
    }

    @Test
    void pixelAccuracyIsCorrectOverLabelledPixels() {
        assertThat(SegmentationMetrics.pixelAccuracy(example())).isCloseTo(7.0 / 9, within(1e-12));
    }

    @Test
    void frequencyWeightedIouWeighsByLabelledShare() {
        // 5/9 * 4/6 + 4/9 * 3/5 = 86/135
        assertThat(SegmentationMetrics.frequencyWeightedIou(example()))
                .isCloseTo(86.0 / 135, within(1e-12));
    }

    @Test
    void meanIouOverASubsetAveragesOnlyThoseClasses() {
        ConfusionMatrix m = example();

        assertThat(SegmentationMetrics.meanIou(m, List.of(1, 2), AbsentClassPolicy.PRESENT))
                .isCloseTo(0.6, within(1e-12));
        assertThat(SegmentationMetrics.meanIou(m, List.of(1, 2, 2), AbsentClassPolicy.ZERO))
                .isCloseTo(0.3, within(1e-12));
        assertThat(SegmentationMetrics.meanIou(m, List.of(2), AbsentClassPolicy.PRESENT)).isNaN();
        assertThat(SegmentationMetrics.meanIou(m, List.of(), AbsentClassPolicy.ZERO)).isNaN();
    }

    @Test
    void subsetClassOutOfRangeIsRejected() {
        assertThatThrownBy(
                        () ->
                                SegmentationMetrics.meanIou(
                                        example(), List.of(3), AbsentClassPolicy.PRESENT))
                .hasMessageContaining("got 3");
    }

    @Test
    void emptyMatrixGivesNanExceptTheZeroPolicyMean() {
        ConfusionMatrix empty = new ConfusionMatrix(2);

        assertThat(SegmentationMetrics.pixelAccuracy(empty)).isNaN();
        assertThat(SegmentationMetrics.frequencyWeightedIou(empty)).isNaN();
        assertThat(SegmentationMetrics.meanIou(empty, AbsentClassPolicy.PRESENT)).isNaN();
        assertThat(SegmentationMetrics.meanIou(empty, AbsentClassPolicy.ZERO)).isZero();
    }
}
