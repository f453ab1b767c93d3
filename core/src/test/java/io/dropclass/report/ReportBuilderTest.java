package io.dropclass.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.cityscapes.CityscapesGroundTruth;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.cityscapes.CityscapesCounts;
import io.dropclass.evaluation.cityscapes.CityscapesMetrics;
import io.dropclass.evaluation.cityscapes.OfficialFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

    // road IoU 81.82, bike 33.33, sky 100 -> mIoU 71.72, rare 33.33, pixel acc 90.91
    private static final long[][] BASE_1 = {{90, 10, 0}, {10, 10, 0}, {0, 0, 100}};
    // road 72.73, bike 25.00, sky 100
    private static final long[][] BASE_2 = {{80, 20, 0}, {10, 10, 0}, {0, 0, 100}};
    // road 90.48, bike 42.86, sky 90 -> mIoU 74.44
    private static final long[][] DROP_1 = {{95, 5, 0}, {5, 15, 0}, {0, 10, 90}};
    // road 66.67, bike 25.00, sky 90
    private static final long[][] DROP_2 = {{70, 30, 0}, {5, 15, 0}, {0, 10, 90}};

    @TempDir
    Path tmp;

    @Test
    void oneSeedPerMethodShowsValuesAndColouredDeltas() throws IOException {
        Path base = RunFixture.write(tmp, "base-s1", "baseline", 1, "finished", BASE_1);
        Path drop = RunFixture.write(tmp, "drop-s1", "dropclass", 1, "finished", DROP_1);
        RunFixture.addAnalysis(drop);
        Path out = tmp.resolve("out/report.html");

        ReportBuilder.build(List.of(drop, base), out);
        String html = Files.readString(out);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("baseline", "dropclass");
        assertThat(tableRow(html, "baseline")).contains("<td>71.72</td>", "<td>33.33</td>",
                "<td>90.91</td>");
        assertThat(tableRow(html, "dropclass")).contains("<td>74.44</td>",
                "<td class=\"delta-better\">+2.73</td>", "<td>42.86</td>");
        // baseline first even when given second
        int comparison = html.indexOf("<h2>Comparison</h2>");
        assertThat(html.indexOf("<tr><td class=\"name\">baseline</td>", comparison))
                .isLessThan(html.indexOf("<tr><td class=\"name\">dropclass</td>", comparison));
        assertThat(html).contains("<td class=\"delta-better\">+8.66</td>",
                "<td class=\"delta-better\">+9.52</td>", "<td class=\"delta-worse\">-10.00</td>");
        assertThat(html).contains("Class similarity", "Grad-CAM", "0001_bike.png");
        assertThat(html).doesNotContain("<script", "http://", "https://", "<link");
        assertThat(html).doesNotContain("<th>iIoU</th>"); // no instances in these runs
        assertThat(decodeImages(html)).hasSizeGreaterThanOrEqualTo(2 * 3 + 1 + 1 + 2);
    }

    @Test
    void runsWithTheOfficialCityscapesCountsGetAnIiouColumn() throws IOException {
        Path base = RunFixture.write(tmp, "base-s1", "baseline", 1, "finished", BASE_1);
        Path drop = RunFixture.write(tmp, "drop-s1", "dropclass", 1, "finished", DROP_1);
        // baseline: the official fixture's predictions (iIoU 46.97 %); dropclass: perfect ones
        CityscapesCounts fixture = OfficialFixture.evaluate(OfficialFixture.root(), "val",
                OfficialFixture.root().resolve("results"));
        CityscapesMetrics perfect = new CityscapesMetrics();
        Path gt = OfficialFixture.groundTruth(OfficialFixture.root(), "val").get(4);
        byte[] labels = ImageFiles.readLabels(gt).labels();
        perfect.add(labels, ImageFiles.readInstanceIds(CityscapesGroundTruth.of(gt)
                .instanceIds()).ids(), labels);
        for (var run : List.of(Map.entry(base, fixture), Map.entry(drop, perfect.counts()))) {
            Path metrics = run.getKey().resolve("metrics.json");
            EvaluationJson.write(metrics,
                    EvaluationJson.read(metrics).withCityscapes(run.getValue()));
        }

        String html = ReportBuilder.render(List.of(RunData.read(base), RunData.read(drop)), "t");

        assertThat(html).contains("<th>iIoU</th>", "instance-level IoU");
        assertThat(tableRow(html, "baseline")).contains("<td>46.97</td>");
        assertThat(tableRow(html, "dropclass")).contains("<td>100.00</td>",
                "<td class=\"delta-better\">+53.03</td>");
    }

    @Test
    void twoSeedsPerMethodShowMeanStdAndNoise() throws IOException {
        List<Path> dirs = List.of(
                RunFixture.write(tmp, "base-s1", "baseline", 1, "finished", BASE_1),
                RunFixture.write(tmp, "base-s2", "baseline", 2, "finished", BASE_2),
                RunFixture.write(tmp, "drop-s1", "dropclass", 1, "finished", DROP_1),
                RunFixture.write(tmp, "drop-s2", "dropclass", 2, "finished", DROP_2));
        Path out = tmp.resolve("report.html");

        ReportBuilder.build(dirs, out);
        String html = Files.readString(out);

        // baseline mIoU 71.72 and 65.91: mean 68.81, sample std 4.11
        assertThat(tableRow(html, "baseline")).contains("<td>1, 2</td>", "<td>68.81 ± 4.11</td>");
        // road: baseline 77.27 ± 6.43, dropclass 78.57 ± 16.84 -> +1.30 inside the spread
        assertThat(html).contains("<td class=\"delta-noise\">+1.30 (within noise)</td>",
                "<td class=\"delta-worse\">-10.00</td>", "within noise");
        assertThat(html).doesNotContain("<td class=\"delta-better\"");
        decodeImages(html);
    }

    @Test
    void escapesTextAndMarksRunsThatDidNotFinish() throws IOException {
        Path base = RunFixture.write(tmp, "base<s1>", "baseline", 1, "finished", BASE_1);
        Path stopped = RunFixture.write(tmp, "drop-stopped", "dropclass", 3, "interrupted", null);
        Path out = tmp.resolve("report.html");

        ReportBuilder.build(List.of(base, stopped), out);
        String html = Files.readString(out);

        assertThat(html).contains("bike&lt;x&gt;", "base&lt;s1&gt;").doesNotContain("bike<x>",
                "base<s1>");
        assertThat(html).contains("not finished: interrupted", "left out of the comparison");
        // the stopped run is not a compared method
        assertThat(html).doesNotContain("<td class=\"name\">dropclass</td><td>3</td>");
        decodeImages(html);
    }

    @Test
    void aMissingRunDirectoryIsNamed() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> ReportBuilder.build(List.of(missing), tmp.resolve("r.html")))
                .isInstanceOf(IOException.class).hasMessageContaining("nope");
    }

    /** The row of the comparison table for a method. */
    private static String tableRow(String html, String method) {
        int start = html.indexOf("<h2>Comparison</h2>");
        int row = html.indexOf("<tr><td class=\"name\">" + method + "</td>", start);
        assertThat(row).as("comparison row of " + method).isPositive();
        return html.substring(row, html.indexOf("</tr>", row));
    }

    private static List<BufferedImage> decodeImages(String html) throws IOException {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<BufferedImage> images = new java.util.ArrayList<>();
        while (m.find()) {
            BufferedImage image = ImageIO.read(
                    new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(image).as("embedded PNG decodes").isNotNull();
            images.add(image);
        }
        assertThat(images).isNotEmpty();
        assertThat(html).doesNotContain("src=\"http", "src=\"file");
        return images;
    }
}
