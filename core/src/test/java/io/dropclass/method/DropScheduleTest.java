package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DropScheduleTest {

    @Test
    void officialScheduleIsEpochOverEndEpoch() {
        DropSchedule schedule = DropSchedule.perEpoch(968);

        assertThat(schedule.lambda(0, 0)).isEqualTo(0.0);
        assertThat(schedule.lambda(242, 99)).isEqualTo(0.25);
        assertThat(schedule.lambda(484, 0)).isEqualTo(0.5);
        assertThat(schedule.lambda(726, 0)).isEqualTo(0.75);
        assertThat(schedule.lambda(967, 0)).isEqualTo(967.0 / 968);
    }

    @Test
    void lambdaIsConstantWithinAnEpoch() {
        DropSchedule schedule = DropSchedule.perEpoch(10);

        assertThat(schedule.lambda(3, 0)).isEqualTo(schedule.lambda(3, 12_345)).isEqualTo(0.3);
    }

    @Test
    void perIterationScheduleIsIterationOverIterations() {
        DropSchedule schedule = DropSchedule.perIteration(1000);

        assertThat(schedule.lambda(0, 0)).isEqualTo(0.0);
        assertThat(schedule.lambda(7, 250)).isEqualTo(0.25);
        assertThat(schedule.lambda(0, 999)).isEqualTo(0.999);
    }

    @Test
    void indicesOutsideTheScheduleAreRejected() {
        DropSchedule schedule = DropSchedule.perEpoch(968);

        assertThatThrownBy(() -> schedule.lambda(968, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epoch 968")
                .hasMessageContaining("0..967");
        assertThatThrownBy(() -> schedule.lambda(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DropSchedule.perIteration(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }
}
