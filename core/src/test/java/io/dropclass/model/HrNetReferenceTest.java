package io.dropclass.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.StateDict;
import io.dropclass.model.weights.StateDictReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks HRNetV2-W18-Small-v1 against the official DropClass code's reference cases ({@code
 * hrnet_w18_small_v1_*} under the {@code dropclass.fixtures} folder): one training-mode forward
 * gives the plain logits and every backbone BatchNorm running statistic within the case's
 * tolerances.
 */
class HrNetReferenceTest {

    private static final String AFTER = "after_train_forward.";

    @ParameterizedTest
    @ValueSource(strings = {"hrnet_w18_small_v1_nodrop_e0", "hrnet_w18_small_v1_drop12_e300"})
    void trainingForwardMatchesTheOfficialCode(String caseName) throws IOException {
        Path dir = caseDir(caseName);
        JsonNode tolerance =
                new ObjectMapper().readTree(dir.resolve("case.json").toFile()).get("tolerance");
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            Map<String, NDArray> weights =
                    SafeTensors.read(dir.resolve("weights.safetensors"), manager);
            StateDictReport report = StateDict.load(net, weights, false, manager);
            assertThat(report.missing()).isEmpty();
            assertThat(report.shapeMismatched()).isEmpty();
            Set<String> extra = new TreeSet<>();
            for (String name : weights.keySet()) {
                if (name.startsWith("clsdrop_") || name.endsWith(".num_batches_tracked")) {
                    extra.add(name);
                }
            }
            assertThat(new TreeSet<>(report.unexpected())).isEqualTo(extra);

            NDArray x = SafeTensors.read(dir.resolve("inputs.safetensors"), manager).get("x");
            Map<String, NDArray> expected =
                    SafeTensors.read(dir.resolve("expected.safetensors"), manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();

            List<String> failures = new ArrayList<>();
            double worstRatio = 0;
            String worst = "";
            check("logits", logits, expected.get("logits"), tolerance, failures);
            for (String key : expected.keySet()) {
                if (!key.startsWith(AFTER) || key.startsWith(AFTER + "clsdrop_bn1.")) {
                    continue;
                }
                NDArray actual =
                        net.namedParameters().get(key.substring(AFTER.length())).getArray();
                double ratio = check(key, actual, expected.get(key), tolerance, failures);
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = key;
                }
            }
            System.out.printf(
                    "%s: worst BN entry %s at %.3f of its tolerance%n",
                    caseName, worst, worstRatio);
            assertThat(failures).isEmpty();
        }
    }

    /** Records a failure naming the entry; returns max|diff| / tolerance. */
    private static double check(
            String entry, NDArray actual, NDArray expected, JsonNode tolerance, List<String> out) {
        assertThat(actual.getShape()).as(entry).isEqualTo(expected.getShape());
        double tol = tolerance.get(entry).asDouble();
        double diff = actual.sub(expected).abs().max().getFloat();
        if (entry.equals("logits")) {
            System.out.printf("logits: max |diff| %.3e, tolerance %.3e%n", diff, tol);
        }
        if (!(diff <= tol)) {
            out.add(entry + ": max |diff| " + diff + " > tolerance " + tol);
        }
        return diff / tol;
    }

    static Path caseDir(String caseName) {
        String root = System.getProperty("dropclass.fixtures");
        Assumptions.assumeTrue(root != null, "dropclass.fixtures is not set");
        Path dir = Path.of(root, caseName);
        Assumptions.assumeTrue(Files.isDirectory(dir), "no reference case at " + dir);
        return dir;
    }
}
