package io.dropclass.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dropclass.model.HrNetSpec;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import io.dropclass.reference.ReferenceResult.Verdict;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The shared reference cases of the official DropClass code pass entry by entry (loss, both
 * branches' logits, every gradient, every BatchNorm running statistic, eval logits).
 */
class ReferenceCheckTest {

    @TempDir Path out;

    @ParameterizedTest
    @ValueSource(strings = {"hrnet_w18_small_v1_nodrop_e0", "hrnet_w18_small_v1_drop12_e300"})
    void officialHrNetCasesPassEveryEntry(String caseName) throws IOException {
        // Given
        ReferenceCase referenceCase = ReferenceCase.load(caseDir(caseName));
        // When
        ReferenceResult result = ReferenceCheck.run(referenceCase);
        // Then
        System.out.println(ReferenceTable.summary(result));
        assertThat(result.failures()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.entries().stream().map(EntryComparison::name))
                .containsAll(referenceCase.tolerances().keySet());
        Path written = ReferenceOutputs.writeActual(out, result).orElseThrow();
        assertThat(written).isEqualTo(out.resolve(caseName).resolve("actual.safetensors"));
        assertThat(SafeTensors.readHeader(written).tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(referenceCase.tolerances().keySet());
    }

    @Test
    void torchvisionDeepLabCasePassesEveryEntry() throws IOException {
        // Given
        ReferenceCase referenceCase = ReferenceCase.load(caseDir("deeplabv3_mobilenet_v3_large_a"));
        // When
        ReferenceResult result = ReferenceCheck.run(referenceCase);
        // Then
        System.out.println(ReferenceTable.summary(result));
        result.worst()
                .ifPresent(
                        e ->
                                System.out.printf(
                                        "worst: %s %.3e (tolerance %.3e, ratio %.3f)%n",
                                        e.name(), e.maxAbsDiff(), e.tolerance(), e.ratio()));
        assertThat(result.failures()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.entries().stream().map(EntryComparison::name))
                .containsAll(referenceCase.tolerances().keySet())
                .contains("case.parameters");
        Path written = ReferenceOutputs.writeActual(out, result).orElseThrow();
        assertThat(SafeTensors.readHeader(written).tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(referenceCase.tolerances().keySet());
    }

    /** The check discriminates: the same case with another forced class fails. */
    @Test
    void aDifferentDroppedClassFailsTheOfficialCase() throws IOException {
        // Given: the no-drop case, told that class 5 was dropped
        Path source = caseDir("hrnet_w18_small_v1_nodrop_e0");
        Path copy = out.resolve("hrnet_w18_small_v1_nodrop_e0");
        Files.createDirectories(copy);
        for (String file :
                List.of(
                        ReferenceCase.WEIGHTS_FILE,
                        ReferenceCase.INPUTS_FILE,
                        ReferenceCase.EXPECTED_FILE)) {
            Files.createSymbolicLink(copy.resolve(file), source.resolve(file).toAbsolutePath());
        }
        ObjectNode json =
                (ObjectNode)
                        CaseFolder.MAPPER.readTree(
                                source.resolve(ReferenceCase.CASE_FILE).toFile());
        json.put("dropped_class", 5);
        CaseFolder.writeJson(copy, json);

        // When
        ReferenceResult result = ReferenceCheck.run(ReferenceCase.load(copy));

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.failures().stream().map(EntryComparison::name))
                .contains(
                        "loss",
                        "logits_drop",
                        "eval_logits",
                        "after_train_forward.clsdrop_bn1.running_mean")
                .doesNotContain("logits");
        assertThat(
                        ReferenceTable.format(result)
                                .lines()
                                .skip(1)
                                .filter(l -> l.startsWith("  FAIL"))
                                .findFirst())
                .isPresent();
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

        ReferenceResult first = ReferenceCheck.run(ReferenceCase.load(dir));

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
        ReferenceResult second = ReferenceCheck.run(ReferenceCase.load(dir));
        assertThat(second.failures()).isEmpty();
    }

    static Path caseDir(String caseName) {
        String root = System.getProperty("dropclass.fixtures");
        Assumptions.assumeTrue(root != null, "dropclass.fixtures is not set");
        Path dir = Path.of(root, caseName);
        Assumptions.assumeTrue(Files.isDirectory(dir), "no reference case at " + dir);
        return dir;
    }
}
