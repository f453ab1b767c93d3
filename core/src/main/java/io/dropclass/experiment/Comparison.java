package io.dropclass.experiment;

import io.dropclass.analysis.SeedComparison;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.MethodConfig;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.RunResult;
import io.dropclass.scale.RunTask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains and evaluates several methods on the same data, model and schedule over several seeds,
 * then compares each with plain cross-entropy, pairing runs of equal seed. Runs live in
 * {@code ROOT/<method>/seed-<s>}; a finished run is reused, an unfinished one is trained again, so
 * an interrupted comparison resumes. A {@link RunExecutor} trains the runs (in this process, in
 * child JVMs or on a Spark cluster); the comparison is written from the runs' metrics, the same
 * way for every executor.
 */
public final class Comparison {

    /** The baseline with the class weights of {@code --weights}. */
    private static final String WEIGHTED_CE = "weighted_ce";

    /** Methods and their configuration overrides; {@code baseline} is plain cross-entropy. */
    private static final Map<String, List<String>> METHODS = methods();

    /**
     * The result.
     *
     * @param root the comparison folder
     * @param evaluations per method, one final evaluation per seed (seed order)
     * @param rareClasses classes under 1 % of the training pixels
     * @param summary one row per method: mIoU and rare-class mIoU, differences to baseline
     * @param table the per-class table, also written to {@code comparison.txt}
     */
    public record Result(
            Path root,
            Map<String, List<SegmentationEvaluation>> evaluations,
            Set<Integer> rareClasses,
            String summary,
            String table) {}

    private Comparison() {}

    /** Every configured method, and {@code weighted_ce}: the baseline with computed weights. */
    private static Map<String, List<String>> methods() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (MethodConfig.Name name : MethodConfig.Name.values()) {
            m.put(name.key(), List.of("method.name=" + name.key()));
            if (name == MethodConfig.Name.BASELINE) {
                m.put(WEIGHTED_CE, List.of("method.name=" + name.key()));
            }
        }
        return m;
    }

    /** The method names this build compares. */
    public static List<String> knownMethods() {
        return List.copyOf(METHODS.keySet());
    }

    /**
     * What a comparison trains.
     *
     * @param methods method names; {@code baseline} is put first (added if missing)
     * @param seeds the seeds
     * @param weightScheme the class-weight scheme of {@code weighted_ce}
     */
    public record Plan(List<String> methods, List<Long> seeds, String weightScheme) {

        /** Copies the lists. */
        public Plan {
            methods = List.copyOf(methods);
            seeds = List.copyOf(seeds);
        }
    }

    /**
     * Runs (or reuses) every method × seed with an executor, then compares.
     *
     * @param base the shared configuration (data, model, schedule)
     * @param plan methods, seeds and the weight scheme
     * @param root the comparison folder
     * @param executor trains the runs (serially, in child JVMs, on a cluster)
     * @param console progress
     * @return the result (also written to {@code ROOT/comparison.json} and, the per-class table,
     *     {@code ROOT/comparison.txt})
     * @throws IOException if a run fails or cannot be written
     */
    public static Result run(ExperimentConfig base, Plan plan, Path root, RunExecutor executor,
            PrintStream console) throws IOException {
        List<String> order = new ArrayList<>(plan.methods());
        order.remove("baseline");
        order.add(0, "baseline");
        List<RunTask> tasks = new ArrayList<>();
        for (String method : order) {
            for (long seed : plan.seeds()) {
                List<String> overrides = new ArrayList<>(METHODS.get(method));
                overrides.add("runtime.seed=" + seed);
                if (method.equals(WEIGHTED_CE)) {
                    overrides.add("loss.class_weights=" + plan.weightScheme());
                }
                tasks.add(Grids.task(root, method, seed,
                        ConfigFiles.resolve(base, null, overrides)));
            }
        }
        List<RunResult> results = Grids.execute(executor, tasks, console);
        Map<String, List<SegmentationEvaluation>> evaluations = new LinkedHashMap<>();
        for (RunResult r : results) {
            evaluations.computeIfAbsent(r.task().name(), m -> new ArrayList<>())
                    .add(Grids.evaluation(r));
        }
        Set<Integer> rare = Grids.rareClasses(results.get(0));
        String table = ComparisonReport.table(evaluations, rare, plan.seeds());
        AtomicFiles.writeString(root.resolve("comparison.txt"), table);
        ResultFiles.writeJson(root.resolve("comparison.json"),
                ComparisonReport.json(evaluations, rare, plan.seeds()));
        return new Result(root, evaluations, rare,
                ComparisonReport.summary(evaluations, rare, plan.seeds()), table);
    }

    /** mIoU of an evaluation under the rare-class subset (absent classes skipped). */
    static double rareMeanIou(SegmentationEvaluation e, Set<Integer> rare) {
        return e.meanIou(rare, AbsentClassPolicy.PRESENT);
    }

    /** The paired comparison of a metric, for tests and reports. */
    static SeedComparison.Difference difference(double[] method, double[] baseline) {
        return SeedComparison.paired(method, baseline, 17);
    }
}
