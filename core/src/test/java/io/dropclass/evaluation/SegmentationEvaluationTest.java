package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentationEvaluationTest {

    static final ClassCatalog CATALOG =
            ClassCatalog.of(
                    "toy",
                    List.of(
                            new ClassInfo(0, "road", 0, 0x804080),
                            new ClassInfo(1, "car", 1, 0x00008E),
                            new ClassInfo(2, "bus", 2, 0x003C64)));

    static SegmentationEvaluation example() {
        return SegmentationEvaluation.of(SegmentationMetricsTest.example(), CATALOG);
    }

    @Test
    void perClassScoresCarryNamesIouAccuracyAndPixelCounts() {
        List<ClassScore> classes = example().classes();

        assertThat(classes).hasSize(3);
        ClassScore road = classes.get(0);
        assertThat(road.name()).isEqualTo("road");
        assertThat(road.iou()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(road.accuracy()).isCloseTo(0.8, within(1e-12));
        assertThat(road.labelledPixels()).isEqualTo(5);
        assertThat(road.predictedPixels()).isEqualTo(5);
        assertThat(classes.get(2).iou()).isNaN();
        assertThat(classes.get(2).absent()).isTrue();
    }

    @Test
    void summaryMetricsReportBothAbsentClassPolicies() {
        SegmentationEvaluation e = example();

        assertThat(e.meanIou()).isCloseTo(19.0 / 30, within(1e-12));
        assertThat(e.meanIouAbsentAsZero()).isCloseTo(19.0 / 45, within(1e-12));
        assertThat(e.pixelAccuracy()).isCloseTo(7.0 / 9, within(1e-12));
        assertThat(e.meanClassAccuracy()).isCloseTo(0.775, within(1e-12));
        assertThat(e.frequencyWeightedIou()).isCloseTo(86.0 / 135, within(1e-12));
        assertThat(e.absentClasses()).containsExactly(2);
        assertThat(e.labelledPixels()).isEqualTo(9);
        assertThat(e.meanIou(Set.of(1, 2), AbsentClassPolicy.ZERO)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void confusionIsCopiedInAndOut() {
        long[][] counts = {{1, 0}, {0, 1}};
        SegmentationEvaluation e = new SegmentationEvaluation("toy", List.of("a", "b"), counts);

        counts[0][0] = 50;
        e.confusion()[0][0] = 60;

        assertThat(e.confusion()[0][0]).isEqualTo(1);
    }

    @Test
    void equalityComparesCountsByValue() {
        assertThat(example()).isEqualTo(example()).hasSameHashCodeAs(example());
        assertThat(example())
                .isNotEqualTo(SegmentationEvaluation.of(new ConfusionMatrix(3), CATALOG));
    }

    @Test
    void plainJacksonRoundTripsTheRecordWithoutNan() throws IOException {
        ObjectMapper mapper = new ObjectMapper();

        String json = mapper.writeValueAsString(example());

        assertThat(json).doesNotContain("NaN");
        assertThat(mapper.readValue(json, SegmentationEvaluation.class)).isEqualTo(example());
    }

    @Test
    void matrixAndCatalogMustHaveTheSameNumberOfClasses() {
        assertThatThrownBy(() -> SegmentationEvaluation.of(new ConfusionMatrix(2), CATALOG))
                .hasMessageContaining("matrix has 2 classes, catalog toy has 3");
    }

    @Test
    void namesAndConfusionRowsMustMatch() {
        assertThatThrownBy(
                        () ->
                                new SegmentationEvaluation(
                                        "toy", List.of("a", "b"), new long[][] {{1}}))
                .hasMessageContaining("must have 2 rows");
        assertThatThrownBy(
                        () -> new SegmentationEvaluation("toy", List.of("a"), new long[][] {{-1}}))
                .hasMessageContaining("got -1");
    }
}
