package io.dropclass.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticSplitTest {

    @Test
    void parsesTheThreeNamesIgnoringCase() {
        assertThat(SyntheticSplit.parse("train")).isEqualTo(SyntheticSplit.TRAIN);
        assertThat(SyntheticSplit.parse("VAL")).isEqualTo(SyntheticSplit.VAL);
        assertThat(SyntheticSplit.parse(" Shift ")).isEqualTo(SyntheticSplit.SHIFT);
    }

    @Test
    void unknownNameIsRejectedWithTheValidValues() {
        assertThatThrownBy(() -> SyntheticSplit.parse("test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'test'")
                .hasMessageContaining("train, val, shift");
    }

    @Test
    void onlyTrainFollowsTheSeed() {
        assertThat(SyntheticSplit.TRAIN.isFixed()).isFalse();
        assertThat(SyntheticSplit.VAL.isFixed()).isTrue();
        assertThat(SyntheticSplit.SHIFT.isFixed()).isTrue();
        assertThat(SyntheticSplit.VAL.effectiveSeed(1))
                .isEqualTo(SyntheticSplit.VAL.effectiveSeed(2));
        assertThat(SyntheticSplit.TRAIN.effectiveSeed(1))
                .isNotEqualTo(SyntheticSplit.TRAIN.effectiveSeed(2));
    }

    @Test
    void onlyShiftBreaksContext() {
        assertThat(SyntheticSplit.SHIFT.breaksContext()).isTrue();
        assertThat(SyntheticSplit.VAL.breaksContext()).isFalse();
        assertThat(SyntheticSplit.TRAIN.breaksContext()).isFalse();
    }
}
