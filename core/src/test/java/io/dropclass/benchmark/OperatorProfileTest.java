package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorProfileTest {

    @TempDir Path dir;

    /** Self time excludes nested calls of the same thread; other threads do not nest. */
    @Test
    void selfTimeExcludesNestedCalls() {
        List<OperatorProfile.Event> events = List.of(
                new OperatorProfile.Event("aten::conv2d", "1", 0, 1000),
                new OperatorProfile.Event("aten::mkldnn_convolution", "1", 100, 800),
                new OperatorProfile.Event("aten::empty", "1", 120, 10),
                new OperatorProfile.Event("aten::add", "1", 1000, 50),
                new OperatorProfile.Event("aten::add", "2", 500, 30));

        OperatorProfile p = OperatorProfile.of(events);

        assertThat(p.rows().get(0).name()).isEqualTo("aten::mkldnn_convolution");
        assertThat(p.rows().get(0).selfMs()).isCloseTo(0.79, within(1e-9));
        OperatorProfile.Row conv = p.rows().stream()
                .filter(r -> r.name().equals("aten::conv2d")).findFirst().orElseThrow();
        assertThat(conv.selfMs()).isCloseTo(0.2, within(1e-9));
        assertThat(conv.totalMs()).isCloseTo(1.0, within(1e-9));
        OperatorProfile.Row add = p.rows().stream()
                .filter(r -> r.name().equals("aten::add")).findFirst().orElseThrow();
        assertThat(add.calls()).isEqualTo(2);
        assertThat(add.selfMs()).isCloseTo(0.08, within(1e-9));
        assertThat(p.totalSelfMs()).isCloseTo(1.08, within(1e-9));
        assertThat(p.top(2)).hasSize(2);
    }

    @Test
    void readsTheProfilersChromeTrace() throws Exception {
        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, "[{\"name\": \"aten::mm\", \"ph\": \"X\", \"ts\": 5.0,"
                + " \"dur\": 2000.0, \"tid\": 1, \"pid\": \"CPU Functions\"},"
                + " {\"name\": \"meta\", \"ph\": \"M\"}]");

        OperatorProfile p = OperatorProfile.read(trace);

        assertThat(p.rows()).containsExactly(new OperatorProfile.Row("aten::mm", 1, 2.0, 2.0));
    }
}
