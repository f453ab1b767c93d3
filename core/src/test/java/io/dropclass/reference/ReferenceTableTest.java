package io.dropclass.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.reference.ReferenceResult.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceTableTest {

    private static final ReferenceResult RESULT =
            new ReferenceResult(
                    "case_a",
                    "hrnetv2_w18_small_v1",
                    "float32 contiguous",
                    Verdict.FAILED,
                    "",
                    List.of(
                            EntryComparison.of("loss", 1e-7, 1e-6),
                            EntryComparison.of("grad.conv1.weight", 5e-3, 1e-2),
                            EntryComparison.of("grad._classifier.weight", 3e-5, 1e-6),
                            EntryComparison.failure("eval_logits", 1e-5, "not produced"),
                            EntryComparison.of("after_train_forward.bn1.running_mean", 0, 1e-6)),
                    Map.of());

    @Test
    void summaryGivesTheVerdictCountsAndTheWorstEntry() {
        assertThat(ReferenceTable.summary(RESULT))
                .isEqualTo(
                        "case_a (hrnetv2_w18_small_v1, float32 contiguous): FAILED, 3 of 5 entries"
                                + " within tolerance;"
                                + " worst eval_logits (not produced)");
    }

    @Test
    void failuresComeFirstThenTheClosestToTheirTolerance() {
        List<String> rows =
                ReferenceTable.format(RESULT)
                        .lines()
                        .filter(l -> l.startsWith("  ok") || l.startsWith("  FAIL"))
                        .toList();

        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains("FAIL", "eval_logits", "not produced");
        assertThat(rows.get(1)).contains("FAIL", "grad._classifier.weight", "30.000");
        assertThat(rows.get(2)).contains("ok", "grad.conv1.weight", "0.500");
        assertThat(rows.get(3)).contains("ok", "loss", "0.100");
        assertThat(rows.get(4)).contains("after_train_forward.bn1.running_mean", "0.000");
    }

    @Test
    void groupsCountEntriesAndFailures() {
        String table = ReferenceTable.format(RESULT);

        assertThat(table).containsPattern("grad\\s+2\\s+1\\s+30\\.000");
        assertThat(table).containsPattern("eval_logits\\s+1\\s+1\\s+-");
    }

    @Test
    void ratioIsInfiniteForADifferenceOverAZeroTolerance() {
        assertThat(EntryComparison.of("case.parameters", 1, 0).ratio()).isInfinite();
        assertThat(EntryComparison.of("case.parameters", 0, 0).passed()).isTrue();
        assertThat(EntryComparison.of("x", Double.NaN, 1).passed()).isFalse();
    }
}
