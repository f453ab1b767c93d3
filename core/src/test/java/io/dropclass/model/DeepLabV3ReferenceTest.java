package io.dropclass.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.StateDict;
import io.dropclass.nn.BilinearResize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How torchvision's reference case was produced, pinned: its eval logits were computed with the
 * loaded running statistics (before the training forward), and the head's BatchNorm layers use
 * momentum 0.1 (a training forward moves {@code classifier.0.convs.0.1} as 0.9·old + 0.1·batch).
 */
class DeepLabV3ReferenceTest {

    private static final String CASE = "deeplabv3_mobilenet_v3_large_a";

    @Test
    void evalLogitsMatchBeforeTheTrainingForwardAndNotAfterIt() throws IOException {
        Path dir = HrNetReferenceTest.caseDir(CASE);
        double tolerance =
                new ObjectMapper()
                        .readTree(dir.resolve("case.json").toFile())
                        .get("tolerance")
                        .get("eval_logits_upsampled")
                        .asDouble();
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3 net = DeepLabV3.mobileNetV3Large(19);
            Map<String, NDArray> weights =
                    SafeTensors.read(dir.resolve("weights.safetensors"), manager);
            weights.keySet().removeIf(name -> name.endsWith(".num_batches_tracked"));
            StateDict.load(net.namedParameters(), weights, true, manager);
            NDArray x = SafeTensors.read(dir.resolve("inputs.safetensors"), manager).get("x");
            NDArray expected =
                    SafeTensors.read(dir.resolve("expected.safetensors"), manager)
                            .get("eval_logits_upsampled");
            ParameterStore ps = new ParameterStore(manager, false);

            double before = evalDiff(net, ps, x, expected);
            net.forward(ps, new NDList(x), true);
            double after = evalDiff(net, ps, x, expected);

            assertThat(before).isLessThanOrEqualTo(tolerance);
            assertThat(after).isGreaterThan(1000 * tolerance);
        }
    }

    private static double evalDiff(DeepLabV3 net, ParameterStore ps, NDArray x, NDArray want) {
        NDArray logits = net.forward(ps, new NDList(x), false).singletonOrThrow();
        int h = Math.toIntExact(x.getShape().get(2));
        int w = Math.toIntExact(x.getShape().get(3));
        try (NDArray up = BilinearResize.resize(logits, h, w, false)) {
            return up.sub(want).abs().max().getFloat();
        }
    }
}
