package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassStatisticsTableTest {

    @Test
    void tableListsCountsSharesAndMarksClassesBelowOnePercentAsRare() {
        String table =
                ClassStatisticsTable.format(ClassStatistics.compute(ListDataset.twoImages()));

        assertThat(table)
                .isEqualTo(
                        """
                          id  class  pixels  share %  images  note
                           0  a           5    62.50       2
                           1  b           1    12.50       1
                           2  c           2    25.00       1
                           3  d           0     0.00       0  rare
                        2 images, 8 labelled pixels, 2 ignored pixels; rare: share < 1 %
                        """);
    }
}
