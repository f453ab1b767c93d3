package io.dropclass.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.model.HrNetSpec.BlockType;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrNetSpecTest {

    @Test
    void paperConfigurationsHaveTheirFeatureWidths() {
        assertThat(HrNetSpec.w18SmallV1().featureChannels()).isEqualTo(240);
        assertThat(HrNetSpec.w18SmallV2().featureChannels()).isEqualTo(270);
        assertThat(HrNetSpec.w48().featureChannels()).isEqualTo(720);
        assertThat(HrNetSpec.w18SmallV2().stage(3).modules()).isEqualTo(3);
        assertThat(HrNetSpec.w48().stage(1).outChannels(0)).isEqualTo(256);
    }

    @Test
    void byNameFindsEachConfiguration() {
        assertThat(HrNetSpec.byName("hrnet_w18_small_v1")).isEqualTo(HrNetSpec.w18SmallV1());
        assertThat(HrNetSpec.byName("HRNET_W18_SMALL_V2")).isEqualTo(HrNetSpec.w18SmallV2());
        assertThat(HrNetSpec.byName("hrnet_w48")).isEqualTo(HrNetSpec.w48());
    }

    @Test
    void byNameListsTheValidNamesForAnUnknownOne() {
        assertThatThrownBy(() -> HrNetSpec.byName("hrnet_w32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hrnet_w32")
                .hasMessageContaining("hrnet_w18_small_v1, hrnet_w18_small_v2, hrnet_w48");
    }

    @Test
    void stagesMustHaveOneMoreBranchEachTime() {
        HrNetSpec.Stage two =
                new HrNetSpec.Stage(1, BlockType.BASIC, List.of(1, 1), List.of(8, 16));
        assertThatThrownBy(() -> new HrNetSpec("bad", List.of(two, two, two, two)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 1 must have 1 branches");
    }
}
