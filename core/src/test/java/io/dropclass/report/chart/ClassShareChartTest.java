package io.dropclass.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.analysis.ClassCount;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassShareChartTest {

    @Test
    void barsGrowWithTheLogOfTheShareInTheClassColours() {
        ClassCatalog catalog = ClassCatalog.of("t", List.of(
                new ClassInfo(0, "big", 0, 0xFF0000), new ClassInfo(1, "rare", 1, 0x0000FF)));
        ClassStatistics stats = new ClassStatistics(List.of(
                new ClassCount(0, "big", 995, 0.995, 1, 1000),
                new ClassCount(1, "rare", 5, 0.005, 1, 1000)), 0, 1);
        BufferedImage image = ClassShareChart.draw(stats, catalog, "t");
        int rowBig = 40 + 11;
        int rowRare = 40 + 22 + 11;
        int at10Percent = 150 + 520 * 3 / 4; // log axis 0.01..100: 10 % is 3/4 of the way
        int at0p1Percent = 150 + 520 / 4 + 5;
        assertThat(image.getRGB(at10Percent, rowBig) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(at0p1Percent, rowRare) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(image.getRGB(at10Percent, rowRare) & 0xFFFFFF).isNotEqualTo(0x0000FF);
    }
}
