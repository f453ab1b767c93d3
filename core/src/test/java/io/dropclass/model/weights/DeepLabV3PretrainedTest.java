package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.model.DeepLabV3;
import io.dropclass.nn.ParameterValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * timm and torchvision MobileNetV3-Large checkpoints land in the real DeepLabV3: after loading, the
 * network computes exactly what the network whose state the checkpoint was made from computes.
 */
class DeepLabV3PretrainedTest {

    private static DeepLabV3 network(long seed, NDManager manager) {
        DeepLabV3 net = DeepLabV3.mobileNetV3Large(19);
        net.initializeParameters(manager, seed);
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            if (e.getKey().endsWith(".running_mean") || e.getKey().endsWith(".running_var")) {
                // non-trivial statistics, so a buffer landing in the wrong place shows
                ParameterValues.assign(e.getValue(),
                        manager.randomUniform(0.5f, 1.5f, e.getValue().getShape()), manager);
            }
        }
        return net;
    }

    private static NDArray logits(DeepLabV3 net, NDManager manager) {
        NDArray x = manager.randomUniform(-1f, 1f, new Shape(1, 3, 64, 96)); // same by seed
        return net.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    /** Copies the head (classifier.*), which ImageNet checkpoints do not have. */
    private static void copyHead(DeepLabV3 from, DeepLabV3 to, NDManager manager) {
        to.namedParameters().forEach((name, p) -> {
            if (name.startsWith("classifier.")) {
                ParameterValues.assign(p, from.namedParameters().get(name).getArray(), manager);
            }
        });
    }

    @Test
    void theMappedBackboneLayoutIsTheRealNetworksLayout() {
        Map<String, Shape> real = new TreeMap<>();
        DeepLabV3.mobileNetV3Large(19).namedParameters().forEach((name, p) -> {
            if (name.startsWith("backbone.")) {
                real.put(name, p.getShape());
            }
        });
        Map<String, Shape> mapped = new TreeMap<>(MobileNetV3Large.torchvisionBackbone("backbone."));
        mapped.keySet().removeIf(n -> n.endsWith(".num_batches_tracked"));
        assertThat(real).isEqualTo(mapped);
    }

    @Test
    void timmAndTorchvisionImageNetFilesReproduceTheSourceNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3 source = network(1, manager);
            Map<String, NDArray> state = StateDict.export(source, manager);
            Map<String, NDArray> torchvision = new LinkedHashMap<>();
            Map<String, NDArray> timm = new LinkedHashMap<>();
            state.forEach((name, array) -> {
                if (name.startsWith("backbone.")) {
                    torchvision.put("features." + name.substring("backbone.".length()), array);
                }
            });
            torchvision.put("classifier.0.weight", manager.ones(new Shape(1280, 960)));
            NameMapTest.timmMobileNetV3Large100().forEach((name, shape) -> {
                String ours = MobileNetV3Large.timmToTorchvision(name, "backbone.");
                if (ours != null && state.containsKey(ours)) {
                    timm.put(name, state.get(ours));
                }
            });
            timm.put("conv_head.weight", manager.ones(new Shape(1280, 960, 1, 1)));

            manager.getEngine().setRandomSeed(7);
            NDArray expected = logits(source, manager);
            for (Map<String, NDArray> file : java.util.List.of(torchvision, timm)) {
                DeepLabV3 target = network(2, manager);
                PretrainedLoadReport report =
                        PretrainedWeights.load(target, file, null, false, manager);
                assertThat(report.missingBackbone()).isEmpty();
                assertThat(report.shapeMismatched()).isEmpty();
                copyHead(source, target, manager);
                manager.getEngine().setRandomSeed(7);
                assertThat(logits(target, manager).contentEquals(expected))
                        .as(report.summary()).isTrue();
            }
        }
    }
}
