package io.dropclass.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.experiment.ReferenceReplay;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import io.dropclass.reference.ReferenceResult.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference cases of the official DropClass code pass entry by entry (loss, both branches' logits,
 * every gradient, every BatchNorm running statistic, eval logits) through the training step that
 * {@code train} runs, in float32 and float64, contiguous and channels-last.
 *
 * <p>The cases under {@code src/test/resources/reference} were computed by the official code
 * ({@code tools/reference/make_case.py}) with the structure of every network we ship at narrow
 * widths: the stage layout of each HRNet (W18-Small-v1: 1/1/1 modules; v2: 1/3/2; W48: 1/4/3 with
 * 4 blocks per branch) and torchvision's DeepLabV3-MobileNetV3-Large at width multiplier 0.1 with
 * an 8-channel head, each with the DropClass head and loss. A mistake in how modules, branches,
 * fusions or blocks are wired fails here for every architecture, with no Python and no shared
 * folder. The shared cases (the real widths) run when {@code dropclass.fixtures} points at them.
 */
class ReferenceCheckTest {

    @TempDir Path out;

    @ParameterizedTest
    @ValueSource(strings = {"hrnet_v1_layout_narrow", "hrnet_v2_layout_narrow",
        "hrnet_w48_layout_narrow", "deeplabv3_layout_narrow"})
    void everyShippedStructurePassesInEveryMode(String caseName) throws IOException {
        ReferenceCase referenceCase = ReferenceCase.load(repositoryCase(caseName));

        List<ReferenceResult> results = ReferenceReplay.check(referenceCase, ReferenceMode.ALL);

        System.out.print(ReferenceTable.modes(results));
        assertThat(results).extracting(ReferenceResult::mode).containsExactly(
                "float32 contiguous", "float32 channels_last", "float64 contiguous",
                "float64 channels_last");
        for (ReferenceResult result : results) {
            assertThat(result.failures()).as(result.mode()).isEmpty();
            assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(result.entries()).extracting(EntryComparison::name)
                    .containsAll(referenceCase.tolerances().keySet())
                    .contains("case.parameters");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrnet_w18_small_v1_nodrop_e0", "hrnet_w18_small_v1_drop12_e300",
        "hrnet_w18_small_v2_drop14_e400", "deeplabv3_mobilenet_v3_large_a"})
    void sharedCasesPassInEveryMode(String caseName) throws IOException {
        ReferenceCase referenceCase = ReferenceCase.load(caseDir(caseName));

        List<ReferenceResult> results =
                ReferenceReplay.check(referenceCase, ReferenceMode.DEFAULT);

        System.out.print(ReferenceTable.modes(results));
        for (ReferenceResult result : results) {
            assertThat(result.failures()).as(result.mode()).isEmpty();
        }
        Path written = ReferenceOutputs.writeActual(out, results.get(0)).orElseThrow();
        assertThat(written).isEqualTo(out.resolve(caseName).resolve("actual.safetensors"));
        assertThat(SafeTensors.readHeader(written).tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(referenceCase.tolerances().keySet());
    }

    /** The check discriminates: the same case with another forced class fails in every mode. */
    @Test
    void aDifferentDroppedClassFailsEveryMode() throws IOException {
        Path copy = withCaseJson("hrnet_v2_layout_narrow", json -> json.put("dropped_class", 6));

        List<ReferenceResult> results =
                ReferenceReplay.check(ReferenceCase.load(copy), ReferenceMode.DEFAULT);

        for (ReferenceResult result : results) {
            assertThat(result.verdict()).as(result.mode()).isEqualTo(Verdict.FAILED);
            assertThat(result.failures().stream().map(EntryComparison::name))
                    .contains("loss", "logits_drop", "after_train_forward.clsdrop_bn1.running_mean")
                    .doesNotContain("logits");
        }
        assertThat(ReferenceTable.failures(results.get(0)).lines()
                .filter(l -> l.startsWith("  FAIL")).count())
                .isEqualTo(results.get(0).failures().size());
    }

    /**
     * The schedule is the training one: told that the run ends at another epoch, λ = e/E changes
     * and the loss, the gradients and nothing of the forward's logits miss.
     */
    @Test
    void theScheduleOfTrainingGivesLambda() throws IOException {
        Path copy = withCaseJson("hrnet_v1_layout_narrow", json -> json.put("end_epoch", 500));

        ReferenceResult result = ReferenceReplay.check(ReferenceCase.load(copy),
                ReferenceMode.of(DataType.FLOAT64, false));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.failures().stream().map(EntryComparison::name))
                .contains("loss", "grad._classifier.weight")
                .doesNotContain("logits", "logits_drop", "eval_logits");
    }

    /** A mode the case has no expectation for fails with a message naming the missing key. */
    @Test
    void aModeWithoutItsToleranceFailsWithAMessage() throws IOException {
        Path copy = withCaseJson("hrnet_v1_layout_narrow",
                json -> json.remove("tolerance_channels_last"));

        ReferenceResult result = ReferenceReplay.check(ReferenceCase.load(copy),
                ReferenceMode.of(DataType.FLOAT32, true));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.message()).contains("has no tolerance_channels_last");
    }

    /**
     * Another HRNet, an odd input size and a dropped class absent from the labels: every entry is
     * produced with the expected shape, and written entries read back as a case pass again.
     */
    @Test
    void otherModelsOddSizesAndAbsentClassesProduceEveryEntry() throws IOException {
        Path dir = out.resolve("hrnet_w18_small_v2_odd");
        Map<String, TensorData> expected =
                SyntheticCase.write(dir, HrNetSpec.w18SmallV2(), 17, 37, 53);
        ReferenceMode mode = ReferenceMode.of(DataType.FLOAT32, false);

        ReferenceResult first = ReferenceReplay.check(ReferenceCase.load(dir), mode);

        assertThat(first.failures()).isEmpty();
        assertThat(first.actual().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(first.actual().get("logits").shape()).isEqualTo(new Shape(2, 19, 10, 14));
        // the written entries as the expected ones, with tight tolerances
        Path written = ReferenceOutputs.writeActual(out.resolve("out"), first).orElseThrow();
        Files.copy(
                written,
                dir.resolve(ReferenceCase.EXPECTED_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        SyntheticCase.setTolerances(dir, expected.keySet(), 1e-5);
        ReferenceResult second = ReferenceReplay.check(ReferenceCase.load(dir), mode);
        assertThat(second.failures()).isEmpty();
    }

    /** A copy of a repository case (files linked) with an edited case.json. */
    private Path withCaseJson(String caseName, java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        Path source = repositoryCase(caseName);
        Path copy = out.resolve(caseName);
        Files.createDirectories(copy);
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(ReferenceCase.CASE_FILE)) {
                    Files.createSymbolicLink(copy.resolve(file.getFileName()),
                            file.toAbsolutePath());
                }
            }
        }
        ObjectNode json = (ObjectNode) CaseFolder.MAPPER.readTree(
                source.resolve(ReferenceCase.CASE_FILE).toFile());
        edit.accept(json);
        CaseFolder.writeJson(copy, json);
        return copy;
    }

    /** A case folder of {@code src/test/resources/reference}. */
    static Path repositoryCase(String caseName) {
        URL url = ReferenceCheckTest.class.getResource("/reference/" + caseName + "/case.json");
        assertThat(url).as("test resource reference/" + caseName).isNotNull();
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path caseDir(String caseName) {
        String root = System.getProperty("dropclass.fixtures");
        Assumptions.assumeTrue(root != null, "dropclass.fixtures is not set");
        Path dir = Path.of(root, caseName);
        Assumptions.assumeTrue(Files.isDirectory(dir), "no reference case at " + dir);
        return dir;
    }
}
