package io.dropclass.scale;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Executes the runs of a grid (a comparison, a sweep). Every implementation leaves each run in its
 * own directory, reuses finished runs and trains unfinished ones again ({@link RunWork}), so the
 * results do not depend on the executor: with the same engine threads, a run trained by any of them
 * holds the same numbers.
 */
public interface RunExecutor {

    /**
     * Runs (or reuses) every task.
     *
     * @param tasks the runs, each with its own directory
     * @param progress one line per event (a run started, reused, trained again, finished)
     * @return one result per task, in the order of the tasks
     * @throws IOException if a run fails; the message names the run and where its log is
     */
    List<RunResult> execute(List<RunTask> tasks, Consumer<String> progress) throws IOException;
}
