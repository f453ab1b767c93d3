package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.results.IterationRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a progress line shows: the loss terms and λ, not the per-step DropClass draw. */
class TrainingProgressTest {

    @Test
    void aDropClassStepShowsItsLossTermsAndLambdaButNotItsDraw() {
        IterationRecord step = new IterationRecord(50, 1, 0.02728, Map.of("loss", 1.4231,
                "ce", 0.879, "drop", 0.544, "sup", 0.0, "dropped", 0.0, "dropped_class", -1.0,
                "lambda", 1.0 / 3), 3.5, 100);
        String line = new TrainingProgress(System.err, false, 100).format(step);
        assertThat(line).isEqualTo("[##########..........] 50/100  loss 1.4231"
                + " (ce 0.879 drop 0.544 sup 0)  lambda 0.333  lr 0.02728  3.5 img/s  ETA 1m40s");
    }

    @Test
    void aBaselineStepHasNoLambda() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new TrainingProgress(out, false, 4).show(new IterationRecord(4, 0, 0.001,
                Map.of("loss", 2.5, "ce", 2.5), 2.0, 8), true);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "[####################] 4/4  loss 2.5000 (ce 2.500)  lr 0.00100  2.0 img/s  ETA 0s\n");
    }
}
