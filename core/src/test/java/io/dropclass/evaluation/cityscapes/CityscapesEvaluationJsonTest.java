package io.dropclass.evaluation.cityscapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json carries the official counts, and they read back to the same scores. */
class CityscapesEvaluationJsonTest {

    @TempDir Path dir;

    @Test
    void theOfficialCountsReadBackExactly() throws IOException {
        CityscapesCounts counts = OfficialFixture.evaluate(OfficialFixture.root(), "val",
                OfficialFixture.root().resolve("results"));
        int k = ClassCatalog.cityscapes().size();
        SegmentationEvaluation evaluation = new SegmentationEvaluation("cityscapes",
                ClassCatalog.cityscapes().classes().stream().map(ClassInfo::name).toList(),
                new long[k][k]).withCityscapes(counts);
        Path file = dir.resolve("metrics.json");

        EvaluationJson.write(file, evaluation);
        SegmentationEvaluation back = EvaluationJson.read(file);

        assertThat(back).isEqualTo(evaluation);
        assertThat(back.cityscapes().scores()).isEqualTo(counts.scores());
        JsonNode block = new ObjectMapper().readTree(file.toFile()).get("cityscapes");
        JsonNode official = OfficialFixture.officialResults();
        assertThat(block.get("mean_iiou_classes").doubleValue())
                .isEqualTo(official.get("averageScoreInstClasses").doubleValue());
        assertThat(block.get("mean_iou_categories").doubleValue())
                .isEqualTo(official.get("averageScoreCategories").doubleValue());
        assertThat(block.get("class_iiou").get("train").isNull()).isTrue();
        assertThat(block.get("category_iiou").get("human").doubleValue())
                .isEqualTo(official.get("categoryInstScores").get("human").doubleValue());
        assertThat(block.get("category_iou").has("void")).isFalse();
        assertThat(back.meanInstanceIou())
                .isEqualTo(official.get("averageScoreInstClasses").doubleValue());
    }

    @Test
    void anEvaluationWithoutThemHasNoBlockAndNoInstanceIou() throws IOException {
        SegmentationEvaluation plain = new SegmentationEvaluation("x", java.util.List.of("a"),
                new long[][] {{3}});
        Path file = dir.resolve("plain.json");
        EvaluationJson.write(file, plain);
        assertThat(new ObjectMapper().readTree(file.toFile()).has("cityscapes")).isFalse();
        assertThat(EvaluationJson.read(file).cityscapes()).isNull();
        assertThat(plain.meanInstanceIou()).isNaN();
    }
}
