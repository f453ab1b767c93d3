package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dropclass.training.TrainingStep.Phase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTimesTest {

    private static final long MS = 1_000_000L;

    @Test
    void meansMediansAndThroughput() {
        StepTimes times = new StepTimes(3);
        times.add(100 * MS, Map.of(Phase.DATA, 10 * MS, Phase.FORWARD, 40 * MS,
                Phase.BACKWARD, 40 * MS, Phase.OPTIMIZER, 10 * MS));
        times.add(120 * MS, Map.of(Phase.DATA, 30 * MS, Phase.FORWARD, 40 * MS,
                Phase.BACKWARD, 40 * MS, Phase.OPTIMIZER, 10 * MS));
        times.add(400 * MS, Map.of(Phase.FORWARD, 200 * MS, Phase.BACKWARD, 200 * MS));
        TrainingMeasurement m = times.summary(8, 3);
        assertThat(m.steps()).isEqualTo(3);
        assertThat(m.warmup()).isEqualTo(3);
        assertThat(m.stepMsMedian()).isEqualTo(120.0);
        assertThat(m.stepMsMean()).isCloseTo(206.6667, within(1e-3));
        assertThat(m.phasesMsMean()).containsOnlyKeys("data", "forward", "backward", "optimizer");
        assertThat(m.phasesMsMean().keySet()).containsExactly("data", "forward", "backward",
                "optimizer");
        assertThat(m.phasesMsMean().get("data")).isCloseTo(13.3333, within(1e-3));
        assertThat(m.phasesMsMedian().get("forward")).isEqualTo(40.0);
        assertThat(m.imagesPerSecond()).isCloseTo(8 / 0.2066667, within(1e-3));
    }

    @Test
    void everyStepMustBeAddedOnce() {
        StepTimes times = new StepTimes(1);
        assertThatThrownBy(() -> times.summary(1, 0)).isInstanceOf(IllegalStateException.class);
        times.add(MS, Map.of());
        assertThatThrownBy(() -> times.add(MS, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new StepTimes(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
