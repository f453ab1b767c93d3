package io.dropclass.evaluation.cityscapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java Cityscapes metrics against the official evalPixelLevelSemanticLabeling.py, whose
 * results on the fixture tree (5 frames, 2 cities, 45 instances, every kind of ignored label,
 * classes absent from the ground truth, predictions of ignored ids) were recorded by
 * tools/cityscapes/official_eval.py. Every class and category IoU and iIoU, every average, the
 * confusion matrix and the priors must be equal to the last bit (NaN where the script has NaN):
 * the arithmetic is done in the script's order.
 */
class CityscapesOfficialMetricsTest {

    @Test
    void everyScoreEqualsTheOfficialScriptsBitForBit() throws IOException {
        CityscapesCounts counts = OfficialFixture.evaluate(OfficialFixture.root(), "val",
                OfficialFixture.root().resolve("results"));
        CityscapesScores scores = counts.scores();
        JsonNode official = OfficialFixture.officialResults();

        List<String> compared = new ArrayList<>();
        compare(official.get("classScores"), scores.classScores(), compared);
        compare(official.get("classInstScores"), scores.classInstScores(), compared);
        compare(official.get("categoryScores"), scores.categoryScores(), compared);
        compare(official.get("categoryInstScores"), scores.categoryInstScores(), compared);
        assertThat(scores.averageScoreClasses())
                .isEqualTo(official.get("averageScoreClasses").doubleValue());
        assertThat(scores.averageScoreInstClasses())
                .isEqualTo(official.get("averageScoreInstClasses").doubleValue());
        assertThat(scores.averageScoreCategories())
                .isEqualTo(official.get("averageScoreCategories").doubleValue());
        assertThat(scores.averageScoreInstCategories())
                .isEqualTo(official.get("averageScoreInstCategories").doubleValue());
        // 34 + 34 label entries, 8 + 8 categories; the defined ones are the interesting ones
        assertThat(compared).hasSize(84);
        assertThat(scores.classInstScores().values().stream().filter(v -> !v.isNaN()).count())
                .as("defined iIoU: 7 of the 8 instance classes (train is absent)").isEqualTo(7);

        long[][] matrix = counts.labelConfusion();
        JsonNode rows = official.get("confMatrix");
        for (int t = 0; t < matrix.length; t++) {
            for (int p = 0; p < matrix.length; p++) {
                assertThat(matrix[t][p]).as("confMatrix[%d][%d]", t, p)
                        .isEqualTo(rows.get(t).get(p).longValue());
            }
        }
        for (int id = 0; id < matrix.length; id++) {
            String name = io.dropclass.data.cityscapes.CityscapesLabels.byId(id).name();
            assertThat(counts.prior(id)).as("prior of %s", name)
                    .isEqualTo(official.get("priors").get(name).doubleValue());
        }
    }

    @Test
    void theWrittenFileHasTheOfficialKeysAndValues() throws IOException {
        CityscapesCounts counts = OfficialFixture.evaluate(OfficialFixture.root(), "val",
                OfficialFixture.root().resolve("results"));
        JsonNode official = OfficialFixture.officialResults();
        JsonNode ours = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(CityscapesResultsJson.document(counts));
        List<String> keys = new ArrayList<>();
        ours.fieldNames().forEachRemaining(keys::add);
        List<String> officialKeys = new ArrayList<>();
        official.fieldNames().forEachRemaining(officialKeys::add);
        assertThat(keys).isEqualTo(officialKeys);
        for (String key : keys) {
            JsonNode a = ours.get(key);
            JsonNode b = official.get(key);
            if (b.isNumber() && Double.isNaN(b.doubleValue())) {
                assertThat(a.isNull()).as(key).isTrue();
            } else if (b.isObject()) {
                b.fieldNames().forEachRemaining(name -> {
                    double expected = b.get(name).doubleValue();
                    if (Double.isNaN(expected)) {
                        assertThat(a.get(name).isNull()).as(key + "." + name).isTrue();
                    } else {
                        assertThat(a.get(name).doubleValue()).as(key + "." + name)
                                .isEqualTo(expected);
                    }
                });
            } else if (b.isArray()) { // confMatrix: the same integers (node types differ)
                assertThat(a.toString()).as(key).isEqualTo(b.toString());
            } else {
                assertThat(a.doubleValue()).as(key).isEqualTo(b.doubleValue());
            }
        }
    }

    private static void compare(JsonNode official, Map<String, Double> ours, List<String> seen) {
        List<String> names = new ArrayList<>();
        official.fieldNames().forEachRemaining(names::add);
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            double expected = official.get(name).doubleValue();
            double actual = ours.get(name);
            if (Double.isNaN(expected)) {
                assertThat(actual).as(name).isNaN();
            } else {
                assertThat(Double.doubleToLongBits(actual)).as("%s: %s vs official %s", name,
                        actual, expected).isEqualTo(Double.doubleToLongBits(expected));
            }
            seen.add(name);
        }
    }
}
