package io.dropclass.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Trains the runs one after the other in this process: the default, and today's behaviour. */
public final class SerialExecutor implements RunExecutor {

    private final RunTrainer trainer;

    /**
     * An executor that trains in this process.
     *
     * @param trainer trains one run in this process
     */
    public SerialExecutor(RunTrainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public List<RunResult> execute(List<RunTask> tasks, Consumer<String> progress)
            throws IOException {
        List<RunResult> results = new ArrayList<>(tasks.size());
        for (RunTask task : tasks) {
            results.add(RunWork.run(task, trainer, progress));
        }
        return results;
    }
}
