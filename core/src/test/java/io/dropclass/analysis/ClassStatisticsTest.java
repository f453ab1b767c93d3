package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dropclass.data.SegmentationSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassStatisticsTest {

    @Test
    void countsPixelsImagesAndPixelsOfImagesContainingEachClass() {
        ClassStatistics stats = ClassStatistics.compute(ListDataset.twoImages());

        assertThat(stats.images()).isEqualTo(2);
        assertThat(stats.ignoredPixels()).isEqualTo(2);
        assertThat(stats.labelledPixels()).isEqualTo(8);
        assertThat(stats.classes())
                .containsExactly(
                        new ClassCount(0, "a", 5, 5.0 / 8, 2, 8),
                        new ClassCount(1, "b", 1, 1.0 / 8, 1, 4),
                        new ClassCount(2, "c", 2, 2.0 / 8, 1, 4),
                        new ClassCount(3, "d", 0, 0.0, 0, 0));
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() {
        List<SegmentationSample> samples = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            samples.add(ListDataset.sample(1, 4, i % 4, (i * 3) % 4, 255, i % 2));
        }
        ListDataset dataset = new ListDataset(ListDataset.CATALOG, samples);

        ClassStatistics serial = ClassStatistics.compute(dataset, 1);

        assertThat(ClassStatistics.compute(dataset, 3)).isEqualTo(serial);
        assertThat(ClassStatistics.compute(dataset, 16)).isEqualTo(serial);
        assertThat(serial.images()).isEqualTo(7);
        assertThat(serial.ignoredPixels()).isEqualTo(7);
    }

    @Test
    void labelThatIsNeitherAClassNorIgnoreNamesTheImage() {
        ListDataset dataset =
                new ListDataset(
                        ListDataset.CATALOG,
                        List.of(ListDataset.sample(1, 1, 0), ListDataset.sample(1, 2, 0, 7)));

        assertThatThrownBy(() -> ClassStatistics.compute(dataset, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 1: label 7 is neither a train id in [0, 4) nor 255");
    }

    @Test
    void emptyDatasetHasUndefinedShares() {
        ClassStatistics stats =
                ClassStatistics.compute(new ListDataset(ListDataset.CATALOG, List.of()), 4);

        assertThat(stats.images()).isZero();
        assertThat(stats.classes().get(0).share()).isNaN();
        assertThat(stats.rareClasses(ClassStatistics.RARE_SHARE)).isEmpty();
    }

    @Test
    void rareClassesAreThoseBelowTheShareIncludingUnseenOnes() {
        ClassStatistics stats = ClassStatistics.compute(ListDataset.twoImages());

        assertThat(stats.rareClasses(0.2)).containsExactly(1, 3);
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> ClassStatistics.compute(ListDataset.twoImages(), 0))
                .hasMessage("threads must be at least 1, got 0");
    }

    @Test
    void classCountRejectsAShareOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new ClassCount(0, "a", 1, 1.5, 1, 1))
                .hasMessage("share must be in [0, 1] or NaN, got 1.5");
        assertThat(new ClassCount(0, "a", 1, 0.5, 1, 2).share()).isCloseTo(0.5, within(0.0));
    }
}
