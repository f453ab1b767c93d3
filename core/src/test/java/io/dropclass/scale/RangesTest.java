package io.dropclass.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void rangesCoverEveryItemOnceAndStartAtMultiplesOfTheAlignment() {
        for (int size = 0; size <= 23; size++) {
            for (int alignment = 1; alignment <= 4; alignment++) {
                for (int parts = 1; parts <= 5; parts++) {
                    List<Ranges.Range> ranges = Ranges.split(size, alignment, parts);
                    int next = 0;
                    for (Ranges.Range r : ranges) {
                        assertThat(r.from()).isEqualTo(next);
                        assertThat(r.from() % alignment).isZero();
                        assertThat(r.to()).isGreaterThan(r.from());
                        next = r.to();
                    }
                    assertThat(next).isEqualTo(size);
                    assertThat(ranges.size()).isLessThanOrEqualTo(parts);
                }
            }
        }
        assertThat(Ranges.split(6, 2, 2)).containsExactly(new Ranges.Range(0, 2),
                new Ranges.Range(2, 6));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Ranges.split(4, 0, 1)).hasMessageContaining("alignment");
        assertThatThrownBy(() -> Ranges.split(4, 1, 0)).hasMessageContaining("parts");
    }
}
