package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

    @Test
    void settingsAreEveryCombinationNamedByTheVariedAxes() {
        List<Sweep.Axis> axes = Sweep.axes(List.of("method.alpha=1,10,30",
                "optimizer.lr=0.01,0.05", "train.iterations=8"));
        List<Sweep.Setting> settings = Sweep.settings(axes);
        assertThat(settings).hasSize(6);
        assertThat(settings.get(0).name()).isEqualTo("alpha-1_lr-0.01");
        assertThat(settings.get(1).overrides()).containsExactly("method.alpha=1",
                "optimizer.lr=0.05", "train.iterations=8");
        assertThat(settings.get(5).name()).isEqualTo("alpha-30_lr-0.05");
    }

    @Test
    void axesSharingALastPartAreNamedInFullAndCollisionsAreRefused() {
        List<Sweep.Setting> settings = Sweep.settings(Sweep.axes(List.of("a.x=1,2", "b.x=3")));
        assertThat(settings.get(0).name()).isEqualTo("a.x-1");
        assertThatThrownBy(() -> Sweep.settings(Sweep.axes(List.of("data.root=a/b,a:b"))))
                .hasMessageContaining("share the folder");
    }

    @Test
    void malformedAxesAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> Sweep.axes(List.of("lr"))).hasMessageContaining("'lr'");
        assertThatThrownBy(() -> Sweep.axes(List.of("lr=1,,2"))).hasMessageContaining("empty");
        assertThatThrownBy(() -> Sweep.axes(List.of())).hasMessageContaining("no axes");
    }
}
