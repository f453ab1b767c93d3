package io.dropclass.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.RunResult;
import io.dropclass.scale.RunTask;
import io.dropclass.scale.RunTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runs of a grid (a comparison, a sweep): each configuration becomes a {@link RunTask} in
 * {@code ROOT/<name>/seed-<s>}, an executor trains or reuses them, and their metrics come back as
 * text, read here the same way whichever executor ran them.
 */
public final class Grids {

    private Grids() {}

    /**
     * The trainer of the serial executor: {@link Experiment#train} in this process.
     *
     * @param console where progress goes
     * @param command the command line, for the runs' manifests
     * @return the trainer
     */
    public static RunTrainer inProcess(PrintStream console, List<String> command) {
        return task -> Experiment.train(ConfigFiles.fromJson(task.configJson()), task.path(),
                command, console, false);
    }

    /**
     * One run of a grid before it is a task.
     *
     * @param name the run's name: its folder under the grid's root
     * @param seed its seed
     * @param config its configuration, checked, before its warm start
     */
    record Planned(String name, long seed, ExperimentConfig config) {}

    /**
     * The tasks of planned runs under a root, each from its shared warm start if its configuration
     * has one ({@link WarmStart}: trained here, once per distinct warm start, kept in the root), in
     * plan order. Every configuration has been checked before the first warm start trains.
     */
    static List<RunTask> tasks(Path root, List<Planned> runs, PrintStream console)
            throws IOException {
        List<RunTask> tasks = new ArrayList<>();
        for (Planned run : runs) {
            ExperimentConfig config = WarmStart.apply(run.config(), root, console);
            tasks.add(new RunTask(run.name(), run.seed(),
                    root.resolve(run.name()).resolve("seed-" + run.seed()).toString(),
                    ConfigFiles.toJson(config)));
        }
        return tasks;
    }

    /** Executes the tasks, progress to the console; results in task order. */
    static List<RunResult> execute(RunExecutor executor, List<RunTask> tasks, PrintStream console)
            throws IOException {
        List<RunResult> results = executor.execute(tasks, console::println);
        if (results.size() != tasks.size()) {
            throw new IllegalStateException("the executor returned " + results.size()
                    + " results for " + tasks.size() + " runs");
        }
        return results;
    }

    /** The final evaluation of a run, from its metrics.json text. */
    static SegmentationEvaluation evaluation(RunResult result) throws IOException {
        return EvaluationJson.parse(result.metricsJson(),
                result.task().path().resolve("metrics.json").toString());
    }

    /** Classes under 1 % of the training pixels, from a run's class_stats.json text. */
    static Set<Integer> rareClasses(RunResult result) throws IOException {
        return rareClassesOf(new ObjectMapper().readTree(result.classStatsJson()));
    }

    /** Classes under 1 % of the pixels in a parsed {@code class_stats.json}. */
    static Set<Integer> rareClassesOf(JsonNode stats) {
        Set<Integer> rare = new TreeSet<>();
        for (JsonNode c : stats.path("classes")) {
            if (c.path("share").asDouble(1) < ClassStatistics.RARE_SHARE) {
                rare.add(c.path("id").asInt());
            }
        }
        return rare;
    }
}
