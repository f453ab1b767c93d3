package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.analysis.SeedComparison;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.cityscapes.CityscapesCounts;
import io.dropclass.evaluation.cityscapes.OfficialFixture;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compare table and JSON gain iIoU only where every run has the official counts. */
class ComparisonReportTest {

    private static final List<String> CLASSES = List.of("a", "b");

    private static SegmentationEvaluation eval(long tp, CityscapesCounts counts) {
        return new SegmentationEvaluation("t", CLASSES, new long[][] {{tp, 1}, {1, 5}}, counts);
    }

    @Test
    void iiouRowAndSummaryOnlyWithInstances() throws IOException {
        CityscapesCounts official = OfficialFixture.evaluate(OfficialFixture.root(), "val",
                OfficialFixture.root().resolve("results"));
        Map<String, List<SegmentationEvaluation>> with = new LinkedHashMap<>();
        with.put("baseline", List.of(eval(5, official), eval(6, official)));
        with.put("dropclass", List.of(eval(7, official), eval(8, official)));
        Map<String, List<SegmentationEvaluation>> without = new LinkedHashMap<>();
        without.put("baseline", List.of(eval(5, null)));
        without.put("dropclass", List.of(eval(7, null)));

        String table = ComparisonReport.table(with, Set.of(), List.of(1L, 2L));
        assertThat(table).contains("iIoU (Cityscapes)", "46.97 ± 0.00");
        Map<String, Object> json = ComparisonReport.json(with, Set.of(), List.of(1L, 2L));
        @SuppressWarnings("unchecked")
        Map<String, Object> base = (Map<String, Object>) ((Map<String, Object>) json.get("methods"))
                .get("baseline");
        assertThat(((SeedComparison.Summary) base.get("iiou")).mean())
                .isEqualTo(official.scores().averageScoreInstClasses());

        assertThat(ComparisonReport.table(without, Set.of(), List.of(1L))).doesNotContain("iIoU");
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) ((Map<String, Object>) ComparisonReport
                .json(without, Set.of(), List.of(1L)).get("methods")).get("baseline");
        assertThat(plain).doesNotContainKey("iiou");
    }

    @Test
    void summaryColumnsAlignForALongMethodName() {
        Map<String, List<SegmentationEvaluation>> evals = new LinkedHashMap<>();
        evals.put("baseline", List.of(eval(5, null)));
        evals.put("label_smoothing", List.of(eval(7, null)));
        List<String> lines = ComparisonReport.summary(evals, Set.of(), List.of(1L)).lines()
                .skip(1).toList(); // the header, then one row per method
        int column = lines.get(0).indexOf("mIoU") + "mIoU".length();
        for (String row : lines.subList(1, lines.size())) {
            // every row's mIoU figure ends where the header's "mIoU" ends
            assertThat(row.substring(0, column)).as(row).endsWith(" 0.00").matches(".*\\d");
        }
    }

}
