package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.SegmentationDataset;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassStatisticsPartsTest {

    @Test
    void statisticsOfRangesAddUpToTheWholeDatasetsExactly() throws IOException {
        ExperimentConfig config = ConfigFiles.resolve(ExperimentConfig.defaults(), null,
                List.of("data.height=32", "data.width=64", "data.train_images=7"));
        SegmentationDataset dataset = Datasets.split(config, "train", w -> { });
        ClassStatistics whole = ClassStatistics.compute(dataset, 1);
        ClassStatistics parts = ClassStatistics.computeRange(dataset, 0, 3)
                .plus(ClassStatistics.computeRange(dataset, 3, 5))
                .plus(ClassStatistics.computeRange(dataset, 5, 7));
        assertThat(parts).isEqualTo(whole);
    }
}
