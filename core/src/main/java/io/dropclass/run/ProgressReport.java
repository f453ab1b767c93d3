package io.dropclass.run;

import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import io.dropclass.training.StepResult;
import io.dropclass.training.TrainingListener;
import io.dropclass.training.TrainingProgress;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What a person watching a run sees: the progress line, skipped steps, each validation. */
public final class ProgressReport implements TrainingListener {

    private final TrainingProgress progress;
    private final Set<Integer> rareClasses;
    private final BestWeights best;

    /**
     * Creates the listener.
     *
     * @param progress the console's progress line
     * @param rareClasses the classes under 1 % of the training pixels
     * @param best says whether a validation was the best so far (listened to before this one)
     */
    public ProgressReport(TrainingProgress progress, Set<Integer> rareClasses, BestWeights best) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.rareClasses = Set.copyOf(rareClasses);
        this.best = Objects.requireNonNull(best, "best");
    }

    @Override
    public void onIteration(IterationRecord record, boolean logged) {
        progress.show(record, logged);
    }

    @Override
    public void onSkipped(int iteration, StepResult.NonFiniteTerm term, int skippedSteps) {
        progress.message(String.format(Locale.ROOT,
                "warning: iteration %d: loss term '%s' is %s; step skipped (update not applied,"
                        + " BatchNorm statistics restored), %d skipped so far",
                iteration, term.term(), term.value(), skippedSteps));
    }

    @Override
    public void onValidation(int iteration, SegmentationEvaluation evaluation) {
        double rare = evaluation.meanIou(rareClasses, AbsentClassPolicy.PRESENT);
        progress.message(String.format(Locale.ROOT,
                "validation @ %d: mIoU %.2f %%  rare-class mIoU %.2f %%  pixel acc %.2f %%%s",
                iteration, 100 * evaluation.meanIou(), 100 * rare,
                100 * evaluation.pixelAccuracy(), best.improved() ? "  (best so far)" : ""));
    }
}
