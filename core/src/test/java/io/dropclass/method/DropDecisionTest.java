package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DropDecisionTest {

    private static final byte IGNORE = (byte) 255;

    @Test
    void keepMaskZeroesTheDroppedClassOnly() {
        DropDecision decision = DropDecision.forced(3, 0.3, 2);

        assertThat(decision.maskRows()).isEqualTo(1);
        assertThat(decision.keepMask(4)).containsExactly(1f, 1f, 0f, 1f);
        assertThat(decision.droppedClass()).isEqualTo(2);
    }

    @Test
    void nothingDroppedKeepsEveryClassWhateverWasSampled() {
        DropDecision sampledButKept =
                new DropDecision(1, 0.1, SamplingUnit.BATCH, List.of(2), false);

        assertThat(sampledButKept.keepMask(3)).containsExactly(1f, 1f, 1f);
        assertThat(sampledButKept.droppedClass()).isEqualTo(-1);
        assertThat(DropDecision.forced(0, 0, -1)).isEqualTo(DropDecision.none(0, 0));
    }

    @Test
    void perImageDecisionHasOneMaskRowPerImage() {
        DropDecision decision = new DropDecision(5, 0.5, SamplingUnit.IMAGE, List.of(0, 2), true);

        assertThat(decision.maskRows()).isEqualTo(2);
        assertThat(decision.keepMask(3)).containsExactly(0f, 1f, 1f, 1f, 1f, 0f);
        assertThat(decision.droppedClassOf(1)).isEqualTo(2);
        assertThat(decision.droppedClass()).isEqualTo(0);
    }

    @Test
    void relabelSetsTheDroppedClassToIgnoreInACopy() {
        byte[][] labels = {{0, 1, 2, IGNORE}, {2, 2, 1, 0}};
        DropDecision batch = DropDecision.forced(1, 0.5, 2);
        DropDecision perImage = new DropDecision(1, 0.5, SamplingUnit.IMAGE, List.of(1, 0), true);

        byte[][] relabelled = batch.relabel(labels);
        byte[][] perImageRelabelled = perImage.relabel(labels);

        assertThat(relabelled[0]).containsExactly(0, 1, IGNORE, IGNORE);
        assertThat(relabelled[1]).containsExactly(IGNORE, IGNORE, 1, 0);
        assertThat(perImageRelabelled[0]).containsExactly(0, IGNORE, 2, IGNORE);
        assertThat(perImageRelabelled[1]).containsExactly(2, 2, 1, IGNORE);
        assertThat(labels[0]).containsExactly(0, 1, 2, IGNORE);
        assertThat(DropDecision.none(0, 0).relabel(labels)[1]).containsExactly(2, 2, 1, 0);
    }

    @Test
    void invalidDecisionsAreRejected() {
        assertThatThrownBy(() -> new DropDecision(0, 1.5, SamplingUnit.BATCH, List.of(1), true))
                .hasMessageContaining("lambda");
        assertThatThrownBy(() -> new DropDecision(0, 0.5, SamplingUnit.BATCH, List.of(), true))
                .hasMessageContaining("sampled class");
        assertThatThrownBy(() -> new DropDecision(0, 0.5, SamplingUnit.BATCH, List.of(1, 2), true))
                .hasMessageContaining("at most one");
        assertThatThrownBy(() -> DropDecision.forced(0, 0.5, 7).keepMask(4))
                .hasMessageContaining("not below K = 4");
        DropDecision perImage = new DropDecision(1, 0.5, SamplingUnit.IMAGE, List.of(1, 0), true);
        assertThatThrownBy(() -> perImage.relabel(new byte[3][4]))
                .hasMessageContaining("batch of 3");
    }
}
