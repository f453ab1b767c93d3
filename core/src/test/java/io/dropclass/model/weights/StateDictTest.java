package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictTest {

    @TempDir Path dir;

    @Test
    void savedStateLoadsStrictlyIntoAFreshNetworkInPlace() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given: a saved network and a differently initialised one
            HrNet source = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            source.initializeParameters(manager, 11);
            Path file = dir.resolve("hrnet.safetensors");
            StateDict.save(source, file, Map.of("seed", "11"));
            HrNet target = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            target.initializeParameters(manager, 12);
            NDArray weightArray = target.classifierWeight().getArray();
            // When
            StateDictReport report = StateDict.load(target, file, true, manager);
            // Then
            assertThat(report.isComplete()).isTrue();
            assertThat(report.loaded()).hasSize(source.namedParameters().size());
            assertThat(target.classifierWeight().getArray()).isSameAs(weightArray);
            for (Map.Entry<String, Parameter> e : source.namedParameters().entrySet()) {
                NDArray expected = e.getValue().getArray();
                NDArray actual = target.namedParameters().get(e.getKey()).getArray();
                assertThat(actual.contentEquals(expected)).as(e.getKey()).isTrue();
            }
        }
    }

    @Test
    void strictLoadFailsWithAOneLineSummaryAndChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(manager, 1);
            Map<String, NDArray> state = StateDict.export(net, manager);
            state.remove("bn1.running_var");
            state.put("_classifier.bias", manager.zeros(new Shape(21)));
            state.put("clsdrop_conv1.weight", manager.zeros(new Shape(1)));
            float[] before = net.classifierBias().getArray().toFloatArray();

            assertThatThrownBy(() -> StateDict.load(net, state, true, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("\n")
                    .hasMessageContaining("missing 1 [bn1.running_var]")
                    .hasMessageContaining("unexpected 1 [clsdrop_conv1.weight]")
                    .hasMessageContaining("_classifier.bias: got (21), expected (19)");
            assertThat(net.classifierBias().getArray().toFloatArray()).containsExactly(before);

            StateDictReport report = StateDict.load(net, state, false, manager);
            assertThat(report.missing()).containsExactly("bn1.running_var");
            assertThat(report.unexpected()).containsExactly("clsdrop_conv1.weight");
            assertThat(report.shapeMismatched()).hasSize(1);
            assertThat(report.loaded()).hasSize(net.namedParameters().size() - 2);
        }
    }

    @Test
    void exportCopiesSoTheNetworkKeepsItsValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(manager, 3);
            Map<String, NDArray> state = StateDict.export(net, manager);
            assertThat(state.keySet()).containsExactlyElementsOf(net.namedParameters().keySet());
            float before = net.classifierBias().getArray().getFloat(0);
            state.get("_classifier.bias").muli(0);
            assertThat(net.classifierBias().getArray().getFloat(0)).isEqualTo(before);
        }
    }
}
