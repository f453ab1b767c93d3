package io.dropclass.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.experiment.ReferenceReplay;
import io.dropclass.reference.ReferenceResult.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCaseTest {

    @TempDir Path root;

    @Test
    void sharedCaseLoadsWithItsStepAndEveryTolerance() throws IOException {
        ReferenceCase c =
                ReferenceCase.load(ReferenceCheckTest.caseDir("hrnet_w18_small_v1_drop12_e300"));

        assertThat(c.name()).isEqualTo("hrnet_w18_small_v1_drop12_e300");
        assertThat(c.model()).isEqualTo("hrnetv2_w18_small_v1");
        assertThat(c.tolerances()).hasSize(373).containsKeys("loss", "eval_logits");
        assertThat(c.parameterCount()).hasValue(1_599_139L);
        ReferenceStep step = c.step().orElseThrow();
        assertThat(step.epoch()).isEqualTo(300);
        assertThat(step.endEpoch()).isEqualTo(968);
        assertThat(step.droppedClass()).isEqualTo(12);
        assertThat(step.lambda()).isEqualTo(300.0 / 968);
        assertThat(step.bnEps()).isEqualTo(1e-5);
    }

    @Test
    void minimalCaseLoads() throws IOException {
        Path dir = validCase("ok");

        ReferenceCase c = ReferenceCase.load(dir);

        assertThat(c.tolerances()).containsExactly(Map.entry("loss", 1e-6));
        assertThat(c.step()).isPresent();
        assertThat(c.lossParts()).isEmpty();
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path dir = validCase("missing");
        Files.delete(dir.resolve(ReferenceCase.EXPECTED_FILE));

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("expected.safetensors") + ": missing");
    }

    @Test
    void everyExpectedEntryNeedsATolerance() throws IOException {
        Path dir = validCase("tolerance");
        CaseFolder.write(
                dir,
                ReferenceCase.EXPECTED_FILE,
                Map.of(
                        "loss", CaseFolder.floats(new Shape(1), new float[1]),
                        "logits", CaseFolder.floats(new Shape(1), new float[1])));

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageStartingWith(dir.resolve("case.json").toString())
                .hasMessageContaining("tolerance.logits");
    }

    @Test
    void tolerancesOfAbsentEntriesAreRejected() throws IOException {
        Path dir = validCase("extra");
        CaseFolder.writeJson(dir, CaseFolder.hrnetCaseJson(1e-6, "loss", "logits_drop"));

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageContaining("case.json")
                .hasMessageContaining("absent from expected.safetensors")
                .hasMessageContaining("logits_drop");
    }

    @Test
    void invalidJsonIsOneLineNamingTheFile() throws IOException {
        Path dir = validCase("json");
        Files.writeString(dir.resolve(ReferenceCase.CASE_FILE), "{\"model\": ");

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageStartingWith(dir.resolve("case.json") + ": invalid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void invalidStepFieldsAreNamed() throws IOException {
        Path dir = validCase("step");
        ObjectNode json = CaseFolder.hrnetCaseJson(1e-6, "loss");
        json.put("dropped_class", 19);
        CaseFolder.writeJson(dir, json);

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageStartingWith(dir.resolve("case.json").toString())
                .hasMessageContaining("dropped_class");
    }

    @Test
    void theLastEpochMayBeTheEndEpochButNotBeyond() throws IOException {
        Path dir = validCase("epochs");
        ObjectNode json = CaseFolder.hrnetCaseJson(1e-6, "loss");
        json.put("epoch", 2);
        CaseFolder.writeJson(dir, json);
        assertThat(ReferenceCase.load(dir).step().orElseThrow().lambda()).isEqualTo(1.0);

        json.put("epoch", 3);
        CaseFolder.writeJson(dir, json);
        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageContaining("epoch 3, end_epoch 2");
    }

    @Test
    void labelsMustBeInt64OfTheImageSize() throws IOException {
        Path dir = validCase("labels");
        CaseFolder.write(
                dir,
                ReferenceCase.INPUTS_FILE,
                Map.of(
                        "x", CaseFolder.floats(new Shape(1, 3, 4, 4), new float[48]),
                        "labels", CaseFolder.floats(new Shape(1, 4, 4), new float[16])));

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageStartingWith(dir.resolve("inputs.safetensors").toString())
                .hasMessageContaining("needs labels, I64 (1, 4, 4)");
    }

    @Test
    void truncatedSafetensorsAreNamed() throws IOException {
        Path dir = validCase("truncated");
        Files.write(dir.resolve(ReferenceCase.WEIGHTS_FILE), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ReferenceCase.load(dir))
                .hasMessageStartingWith(dir.resolve("weights.safetensors").toString());
    }

    @Test
    void weightsThatDoNotFitTheModelFailTheCheckWithAMessage() throws IOException {
        ReferenceResult result = ReferenceReplay.check(ReferenceCase.load(validCase("weights")),
                ReferenceMode.of(DataType.FLOAT32, false));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.message())
                .contains("weights.safetensors does not fit hrnetv2_w18_small_v1")
                .contains("missing");
    }

    @Test
    void modelsWithoutAStepNeedOnlyTheCommonFields() throws IOException {
        Path dir = validCase("deeplab");
        ObjectNode json = CaseFolder.MAPPER.createObjectNode();
        json.put("model", "deeplabv3_resnet50");
        json.putObject("tolerance").put("loss", 1e-6);
        CaseFolder.writeJson(dir, json);

        ReferenceCase c = ReferenceCase.load(dir);

        assertThat(c.step()).isEmpty();
        assertThat(ReferenceReplay.check(c, ReferenceMode.of(DataType.FLOAT32, false)).message())
                .contains("not supported yet");
    }

    /** case.json, a one-tensor weights file, 1×3×4×4 inputs and a {@code loss} entry. */
    private Path validCase(String name) throws IOException {
        Path dir = root.resolve(name);
        CaseFolder.writeJson(dir, CaseFolder.hrnetCaseJson(1e-6, "loss"));
        CaseFolder.write(
                dir,
                ReferenceCase.WEIGHTS_FILE,
                Map.of("a", CaseFolder.floats(new Shape(1), new float[1])));
        CaseFolder.writeInputs(dir, 1, 4, 4, 0, 1, 255);
        CaseFolder.write(
                dir,
                ReferenceCase.EXPECTED_FILE,
                Map.of("loss", CaseFolder.floats(new Shape(1), new float[1])));
        return dir;
    }
}
