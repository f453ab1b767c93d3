package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void countsTruthInRowsAndPredictionInColumnsSkippingIgnoredPixels() {
        ConfusionMatrix m = new ConfusionMatrix(3);

        m.add(bytes(0, 0, 1, 255, 2), bytes(0, 1, 1, 2, 0));

        assertThat(m.counts()).isEqualTo(new long[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 0}});
        assertThat(m.total()).isEqualTo(4);
        assertThat(m.labelled(0)).isEqualTo(2);
        assertThat(m.predicted(0)).isEqualTo(2);
        assertThat(m.predicted(2)).isZero();
    }

    @Test
    void predictionOutsideTheClassesIsAnErrorAndLeavesTheMatrixUnchanged() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        assertThatThrownBy(() -> m.add(bytes(0, 1, 1), bytes(0, 1, 255)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel 2")
                .hasMessageContaining("prediction 255");
        assertThat(m.total()).isZero();
    }

    @Test
    void truthThatIsNeitherAClassNorIgnoreIsAnError() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        assertThatThrownBy(() -> m.add(bytes(7), bytes(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truth 7");
    }

    @Test
    void arraysOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> new ConfusionMatrix(2).add(bytes(0, 1), bytes(0)))
                .hasMessageContaining("2 vs 1");
    }

    @Test
    void cellCountsAddUpAndMustBeNonNegative() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        m.add(1, 0, 5);
        m.add(1, 0, 2);

        assertThat(m.count(1, 0)).isEqualTo(7);
        assertThatThrownBy(() -> m.add(0, 0, -1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> m.add(2, 0, 1)).hasMessageContaining("truth must be in [0, 2)");
    }

    @Test
    void mergeAddsPerThreadMatricesCellByCell() {
        ConfusionMatrix a = ConfusionMatrix.of(new long[][] {{1, 2}, {3, 4}});
        ConfusionMatrix b = ConfusionMatrix.of(new long[][] {{10, 0}, {0, 1}});

        a.merge(b);

        assertThat(a.counts()).isEqualTo(new long[][] {{11, 2}, {3, 5}});
        assertThat(b.counts()).isEqualTo(new long[][] {{10, 0}, {0, 1}});
    }

    @Test
    void mergeRejectsADifferentNumberOfClasses() {
        assertThatThrownBy(() -> new ConfusionMatrix(2).merge(new ConfusionMatrix(3)))
                .hasMessageContaining("3-class matrix into a 2-class matrix");
    }

    @Test
    void countsIsADefensiveCopy() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        m.counts()[0][0] = 99;

        assertThat(m.count(0, 0)).isZero();
    }

    @Test
    void ofRejectsANonSquareArray() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 columns, expected 2");
    }

    @Test
    void theNumberOfClassesMustLeaveRoomForTheIgnoreIndex() {
        assertThatThrownBy(() -> new ConfusionMatrix(256)).hasMessageContaining("got 256");
        assertThatThrownBy(() -> new ConfusionMatrix(0)).hasMessageContaining("got 0");
    }
}
