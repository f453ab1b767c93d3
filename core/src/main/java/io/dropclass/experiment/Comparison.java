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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains and evaluates several methods (arms: a method, possibly with settings of its own) on the
 * same data, model, schedule and warm start over several seeds, then compares each with the
 * baseline, pairing runs of equal seed. Runs live in {@code ROOT/<arm>/seed-<s>}; a finished run
 * is reused, an unfinished one is trained again, so an interrupted comparison resumes. A {@link
 * RunExecutor} trains the runs (in this process, in child JVMs or on a Spark cluster); the
 * comparison is written from the runs' metrics, the same way for every executor.
 */
public final class Comparison {

    /** The baseline with the class weights of {@code --weights}. */
    private static final String WEIGHTED_CE = "weighted_ce";

    /**
     * Methods and their configuration overrides; {@code baseline} is cross-entropy with {@code
     * loss.class_weights}.
     */
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
     * One arm of a comparison: a method, possibly with settings of its own (an ablation).
     *
     * @param name the arm's name: its folder under the comparison and its column
     * @param method a method this build compares ({@link #knownMethods})
     * @param overrides configuration overrides applied after the method's
     */
    public record Arm(String name, String method, List<String> overrides) {

        /** Checks the names and copies the overrides. */
        public Arm {
            if (name == null || !name.matches("[a-z0-9_]{1,40}") || !METHODS.containsKey(method)) {
                throw new IllegalArgumentException("arm '" + name + "' of method '" + method
                        + "': use a name of 1-40 of [a-z0-9_] and one of " + knownMethods());
            }
            overrides = List.copyOf(overrides);
        }

        /** The method as it is configured, named after itself. */
        public static Arm of(String method) {
            return new Arm(method, method, List.of());
        }
    }

    /**
     * What a comparison trains and where it writes its summary.
     *
     * @param arms the arms; {@code baseline} is put first (added if missing)
     * @param seeds the seeds, each arm trained once per seed
     * @param weightScheme the class-weight scheme of {@code weighted_ce}
     * @param summary the summary's file name under the comparison folder ({@code .json}; the
     *     per-class table goes to its {@code .txt} sibling)
     */
    public record Plan(List<Arm> arms, List<Long> seeds, String weightScheme, String summary) {

        /** Puts the baseline first and copies the lists. */
        public Plan {
            List<Arm> order = new ArrayList<>(arms);
            order.removeIf(a -> a.name().equals("baseline"));
            order.add(0, Arm.of("baseline"));
            arms = List.copyOf(order);
            seeds = List.copyOf(seeds);
        }

        /** Methods as they are configured, summary in {@code comparison.json}. */
        public static Plan ofMethods(List<String> methods, List<Long> seeds,
                String weightScheme) {
            return new Plan(methods.stream().map(Arm::of).toList(), seeds, weightScheme,
                    "comparison.json");
        }
    }

    /**
     * Runs (or reuses) every arm × seed with an executor, each from the configuration's shared warm
     * start if it has one ({@link WarmStart}, trained here once and kept in {@code root}), then
     * compares each arm with the baseline.
     *
     * @param base the shared configuration (data, model, schedule, warm start)
     * @param plan arms, seeds, the weight scheme and the summary's name
     * @param root the comparison folder: runs in {@code root/<arm>/seed-<s>}
     * @param executor trains the runs (serially, in child JVMs, on a cluster)
     * @param console progress
     * @return the result (also written to {@code root/<plan.summary>} and, the per-class table,
     *     its {@code .txt} sibling)
     * @throws IOException if a run fails or cannot be written
     */
    public static Result run(ExperimentConfig base, Plan plan, Path root, RunExecutor executor,
            PrintStream console) throws IOException {
        List<Grids.Planned> planned = new ArrayList<>();
        for (Arm arm : plan.arms()) {
            for (long seed : plan.seeds()) {
                planned.add(new Grids.Planned(arm.name(), seed,
                        configOf(base, arm, seed, plan.weightScheme())));
            }
        }
        List<RunResult> results =
                Grids.execute(executor, Grids.tasks(root, planned, console), console);
        Map<String, List<SegmentationEvaluation>> evaluations = new LinkedHashMap<>();
        for (RunResult r : results) {
            evaluations.computeIfAbsent(r.task().name(), m -> new ArrayList<>())
                    .add(Grids.evaluation(r));
        }
        Set<Integer> rare = Grids.rareClasses(results.get(0));
        String table = ComparisonReport.table(evaluations, rare, plan.seeds());
        String stem = plan.summary().replaceFirst("\\.json$", "");
        AtomicFiles.writeString(root.resolve(stem + ".txt"), table);
        ResultFiles.writeJson(root.resolve(stem + ".json"),
                ComparisonReport.json(evaluations, rare, plan.seeds()));
        return new Result(root, evaluations, rare,
                ComparisonReport.summary(evaluations, rare, plan.seeds()), table);
    }

    /** The run folder of an arm and seed: {@code root/<arm>/seed-<s>}. */
    public static Path runFolder(Path root, Arm arm, long seed) {
        return root.resolve(arm.name()).resolve("seed-" + seed);
    }

    /** The configuration of one arm and seed, before its warm start. */
    static ExperimentConfig configOf(ExperimentConfig base, Arm arm, long seed,
            String weightScheme) throws IOException {
        List<String> overrides = new ArrayList<>(METHODS.get(arm.method()));
        if (arm.method().equals(WEIGHTED_CE)) {
            overrides.add("loss.class_weights=" + weightScheme);
        }
        overrides.addAll(arm.overrides());
        overrides.add("runtime.seed=" + seed);
        return ConfigFiles.resolve(base, null, overrides);
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
