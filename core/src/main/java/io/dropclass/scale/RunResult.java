package io.dropclass.scale;

import java.io.Serializable;

/**
 * What a run left behind, as the texts of its files, so that the driver of a cluster needs no
 * shared file system to compare runs.
 *
 * @param task the run
 * @param origin whether it was trained now, trained again or reused
 * @param metricsJson the run's {@code metrics.json}: the final evaluation on the validation set
 * @param classStatsJson the run's {@code class_stats.json}: the training set's class statistics
 */
public record RunResult(RunTask task, Origin origin, String metricsJson, String classStatsJson)
        implements Serializable {

    /** How a run's result came about. */
    public enum Origin {
        /** Trained from the start. */
        TRAINED,
        /** An unfinished run directory (a killed or failed attempt) was deleted and retrained. */
        RETRAINED,
        /** A finished run was found and reused. */
        REUSED
    }
}
