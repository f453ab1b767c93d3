package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareGainTest {

    private static ClassStatistics stats() {
        return new ClassStatistics(
                List.of(
                        new ClassCount(0, "road", 900, 0.9, 2, 1000),
                        new ClassCount(1, "bike", 5, 0.005, 1, 500),
                        new ClassCount(2, "car", 95, 0.095, 2, 1000),
                        new ClassCount(3, "train", 0, 0.0, 0, 0)),
                0,
                2);
    }

    @Test
    void pointsAreSortedRarestFirstWithGains() {
        List<ShareGain> rows =
                ShareGain.of(stats(), new double[] {0.9, 0.2, 0.6, Double.NaN}, new double[] {0.91, 0.35, 0.6, 0.1});

        assertThat(rows).extracting(ShareGain::id).containsExactly(3, 1, 2, 0);
        assertThat(rows.get(0).gain()).isNull(); // A absent
        assertThat(rows.get(0).iouB()).isEqualTo(0.1);
        assertThat(rows.get(1).gain()).isCloseTo(0.15, within(1e-12));
        assertThat(rows.get(2).gain()).isZero();
        assertThat(rows.get(3).gain()).isCloseTo(0.01, within(1e-12));
        assertThat(ShareGain.meanGain(rows, 0, ClassStatistics.RARE_SHARE)).isCloseTo(0.15, within(1e-12));
        assertThat(ShareGain.meanGain(rows, ClassStatistics.RARE_SHARE, 1.01)).isCloseTo(0.005, within(1e-12));
        assertThat(ShareGain.meanGain(rows, 0.5, 0.6)).isNull();
    }

    @Test
    void serialisesWithNullsAndRejectsWrongLengths() throws Exception {
        List<ShareGain> rows =
                ShareGain.of(stats(), new double[] {1, 1, 1, Double.NaN}, new double[] {1, 1, 1, 1});
        String json = new ObjectMapper().writeValueAsString(rows.get(0));
        assertThat(json).contains("\"gain\":null").contains("\"name\":\"train\"");
        assertThatThrownBy(() -> ShareGain.of(stats(), new double[3], new double[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
