package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RssCurveTest {

    @Test
    void theSlopeIsFittedOverTheSecondHalfOnly() {
        List<RssCurve.Point> points = new ArrayList<>();
        for (int step = 0; step <= 1000; step += 100) {
            // grows fast during the first half (allocator warm-up), then 0.5 MiB per 100 steps
            double mb = step < 500 ? 300 + step : 800 + 0.005 * (step - 500);
            points.add(new RssCurve.Point(step, mb));
        }
        RssCurve curve = new RssCurve(points);
        assertThat(curve.slopePer100StepsSecondHalf().getAsDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(curve.max()).hasValue(802.5);
    }

    @Test
    void tooFewSamplesHaveNoSlope() {
        assertThat(new RssCurve(List.of()).slopePer100StepsSecondHalf()).isEmpty();
        assertThat(new RssCurve(List.of()).max()).isEmpty();
        assertThat(new RssCurve(List.of(new RssCurve.Point(0, 5), new RssCurve.Point(10, 6)))
                .slopePer100StepsSecondHalf()).isEmpty(); // only step 10 is in the second half
    }
}
