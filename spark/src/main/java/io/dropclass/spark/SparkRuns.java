package io.dropclass.spark;

import io.dropclass.scale.ChildJvm;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.RunResult;
import io.dropclass.scale.RunTask;
import io.dropclass.scale.RunWork;
import io.dropclass.scale.WorkerLaunch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/**
 * A grid on Spark: one task per run. A task trains its run in a child JVM through
 * {@link RunWork} (a finished run is reused, an unfinished one trained again, so a retried task is
 * safe) and returns the run's metrics; the driver compares them as for any executor. A failed
 * task (a killed child, a lost executor) is retried up to {@code spark.task.maxFailures} times.
 */
final class SparkRuns implements RunExecutor {

    private final SparkSetup setup;
    private final WorkerLaunch launch;

    SparkRuns(SparkSetup setup, WorkerLaunch launch) {
        this.setup = setup;
        this.launch = launch;
    }

    @Override
    public List<RunResult> execute(List<RunTask> tasks, Consumer<String> progress)
            throws IOException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        progress.accept("spark: " + tasks.size() + " run(s), one task each, on "
                + setup.describe());
        List<RunResult> results;
        try (JavaSparkContext sc = setup.open()) {
            results = sc.parallelize(tasks, tasks.size())
                    .mapPartitionsWithIndex(new Train(launch, new TaskDevice(setup.localDevices())),
                            true)
                    .collect();
        } catch (Exception e) { // SparkException is checked, though the Java API hides it
            throw SparkFailures.asIOException("a run", e);
        }
        for (RunResult r : results) {
            progress.accept((r.origin() == RunResult.Origin.REUSED ? "reused " : "finished ")
                    + r.task().path() + (r.origin() == RunResult.Origin.RETRAINED
                            ? " (trained again after an unfinished attempt)" : ""));
        }
        return new ArrayList<>(results);
    }

    /** The task: trains (or reuses) the runs of its partition, one in practice. */
    private record Train(WorkerLaunch launch, TaskDevice devices)
            implements Function2<Integer, Iterator<RunTask>, Iterator<RunResult>> {

        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<RunResult> call(Integer partition, Iterator<RunTask> tasks)
                throws IOException {
            Optional<String> device = devices.of(partition);
            TaskContext context = TaskContext.get();
            String attempt = context == null ? "" : " (attempt " + (context.attemptNumber() + 1)
                    + device.map(d -> ", " + d).orElse("") + ")";
            List<RunResult> out = new ArrayList<>();
            while (tasks.hasNext()) {
                RunTask task = tasks.next();
                out.add(RunWork.run(task, new ChildJvm(launch, device),
                        line -> System.err.println("spark task: " + line + attempt)));
            }
            return out.iterator();
        }
    }
}
