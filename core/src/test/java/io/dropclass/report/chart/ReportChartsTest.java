package io.dropclass.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

    @Test
    void lineChartSkipsNonFinitePointsAndDrawsEmptyInput() {
        BufferedImage image = LineChart.draw("t", "iteration", List.of(
                new LineChart.Series("a", new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}),
                new LineChart.Series("b", new double[] {1, 2, 3}, new double[] {2, 2, 2})));
        assertThat(image.getWidth()).isPositive();
        assertThat(LineChart.draw("empty", "iteration", List.of())).isNotNull();
        assertThatThrownBy(() -> new LineChart.Series("c", new double[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scatterChartPlacesZeroSharesAtTheEdge() {
        BufferedImage image = ScatterChart.draw("t", List.of(new ScatterChart.Group("m",
                List.of("a", "b", "c"), new double[] {0.5, 0.0, 0.001},
                new double[] {0.9, Double.NaN, 0.1})));
        assertThat(image.getHeight()).isPositive();
    }

    @Test
    void heatMapChecksTheMatrixShapeAndColoursFromWhiteToBlue() {
        BufferedImage image = HeatMapChart.draw("t", List.of("a", "b"),
                new double[][] {{1, 0}, {Double.NaN, 1}});
        assertThat(image.getWidth()).isPositive();
        assertThat(HeatMapChart.colour(0).getRGB()).isEqualTo(0xffffffff);
        assertThat(HeatMapChart.colour(1).getBlue()).isGreaterThan(HeatMapChart.colour(1).getRed());
        assertThatThrownBy(() -> HeatMapChart.draw("t", List.of("a"), new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
