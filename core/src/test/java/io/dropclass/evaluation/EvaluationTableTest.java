package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationTableTest {

    @Test
    void tableListsEveryClassThenBothMeansAndTheRareClassMean() {
        String table = EvaluationTable.format(SegmentationEvaluationTest.example(), Set.of(1, 2));

        assertThat(table)
                .isEqualTo(
                        """
                        Evaluation of toy: 3 classes, 9 labelled pixels
                          id  class   IoU %   acc %  pixels %  note
                           0  road    66.67   80.00     55.56
                           1  car     60.00   75.00     44.44  rare
                           2  bus       n/a     n/a      0.00  rare, absent
                        mIoU, absent skipped (2 of 3):                63.33 %
                        mIoU, absent as 0 (official):                 42.22 %
                        rare-class mIoU (2 classes), absent skipped:  60.00 %
                        rare-class mIoU (2 classes), absent as 0:     30.00 %
                        pixel accuracy:                               77.78 %
                        mean class accuracy:                          77.50 %
                        frequency-weighted IoU:                       63.70 %
                        """);
    }

    @Test
    void withoutRareClassesTheRareLineIsLeftOut() {
        String table = EvaluationTable.format(SegmentationEvaluationTest.example(), Set.of());

        assertThat(table).doesNotContain("rare");
    }

    @Test
    void rareClassOutsideTheLabelSetIsRejected() {
        assertThatThrownBy(
                        () ->
                                EvaluationTable.format(
                                        SegmentationEvaluationTest.example(), Set.of(5)))
                .hasMessageContaining("got 5");
    }
}
