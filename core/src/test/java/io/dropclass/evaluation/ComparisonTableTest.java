package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    private static final ClassCatalog THREE = ClassCatalog.of("t", List.of(
            new ClassInfo(0, "a", 0, 0x000000), new ClassInfo(1, "b", 1, 0x111111),
            new ClassInfo(2, "c", 2, 0x222222)));

    @Test
    void showsEachMethodsIouAndTheDifferenceOfTheLastToTheFirst() {
        // baseline: class a IoU 1/2 (tp 1, fn 1), class b 0; dropclass: a 1, b 1
        SegmentationEvaluation base = SegmentationEvaluation.of(ConfusionMatrix.of(
                new long[][] {{1, 1, 0}, {0, 0, 0}, {0, 0, 0}}), THREE);
        SegmentationEvaluation drop = SegmentationEvaluation.of(ConfusionMatrix.of(
                new long[][] {{2, 0, 0}, {0, 0, 0}, {0, 0, 0}}), THREE);
        Map<String, SegmentationEvaluation> evals = new LinkedHashMap<>();
        evals.put("baseline", base);
        evals.put("dropclass", drop);
        String table = ComparisonTable.format(evals, Set.of(1));
        assertThat(table).contains("baseline").contains("dropclass").contains("delta");
        assertThat(table.lines().filter(l -> l.contains("   0  a")).findFirst().orElseThrow())
                .contains("50.00").contains("100.00").contains("+50.00");
        // class b: predicted by the baseline, never labelled: IoU 0 there, absent (n/a) in dropclass
        assertThat(table.lines().filter(l -> l.contains("   1  b")).findFirst().orElseThrow())
                .contains("0.00").contains("n/a").endsWith("rare");
        // every row's numbers right-aligned under their method's name, summary rows included
        List<String> lines = table.lines().toList();
        int end = lines.get(1).indexOf("dropclass") + "dropclass".length();
        for (String line : lines.subList(2, lines.size())) {
            assertThat(line.charAt(end - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(end)).as(line).isEqualTo(' ');
        }
        assertThat(lines).anyMatch(l -> l.startsWith(" mIoU (absent skipped)"));
    }

    @Test
    void refusesEvaluationsOfDifferentLabelSets() {
        ClassCatalog other = ClassCatalog.of("u", List.of(
                new ClassInfo(0, "x", 0, 0), new ClassInfo(1, "b", 1, 0), new ClassInfo(2, "c", 2, 0)));
        Map<String, SegmentationEvaluation> evals = new LinkedHashMap<>();
        evals.put("one", SegmentationEvaluation.of(new ConfusionMatrix(3), THREE));
        evals.put("two", SegmentationEvaluation.of(new ConfusionMatrix(3), other));
        assertThatThrownBy(() -> ComparisonTable.format(evals, Set.of()))
                .hasMessageContaining("different label sets");
    }
}
