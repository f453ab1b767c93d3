package io.dropclass.experiment;

import io.dropclass.analysis.SeedComparison;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.MethodConfig;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Trains and evaluates several methods on the same data, model and schedule over several seeds,
 * then compares each with plain cross-entropy, pairing runs of equal seed. Runs live in
 * {@code ROOT/<method>/seed-<s>}; a finished run is reused, an unfinished one is trained again, so
 * an interrupted comparison resumes.
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
     * Runs (or reuses) every method × seed, then compares.
     *
     * @param base the shared configuration (data, model, schedule)
     * @param methods method names, {@code baseline} first or added
     * @param seeds the seeds
     * @param weightScheme the class-weight scheme of {@code weighted_ce}
     * @param root the comparison folder
     * @param console progress
     * @return the result (also written to {@code ROOT/comparison.json} and, the per-class table,
     *     {@code ROOT/comparison.txt})
     * @throws IOException if a run cannot be written
     */
    public static Result run(
            ExperimentConfig base,
            List<String> methods,
            List<Long> seeds,
            String weightScheme,
            Path root,
            PrintStream console)
            throws IOException {
        List<String> order = new ArrayList<>(methods);
        order.remove("baseline");
        order.add(0, "baseline");
        Map<String, List<SegmentationEvaluation>> evaluations = new LinkedHashMap<>();
        Set<Integer> rare = null;
        for (String method : order) {
            List<SegmentationEvaluation> perSeed = new ArrayList<>();
            for (long seed : seeds) {
                List<String> overrides = new ArrayList<>(METHODS.get(method));
                overrides.add("runtime.seed=" + seed);
                if (method.equals(WEIGHTED_CE)) {
                    overrides.add("loss.class_weights=" + weightScheme);
                }
                ExperimentConfig config = ConfigFiles.resolve(base, null, overrides);
                Path dir = root.resolve(method).resolve("seed-" + seed);
                perSeed.add(finishedOrTrain(config, dir, console));
                if (rare == null) {
                    rare = Inference.rareClassesOf(dir.resolve("class_stats.json"));
                }
            }
            evaluations.put(method, perSeed);
        }
        String table = ComparisonReport.table(evaluations, rare, seeds);
        AtomicFiles.writeString(root.resolve("comparison.txt"), table);
        ResultFiles.writeJson(root.resolve("comparison.json"),
                ComparisonReport.json(evaluations, rare, seeds));
        return new Result(root, evaluations, rare,
                ComparisonReport.summary(evaluations, rare, seeds), table);
    }

    private static SegmentationEvaluation finishedOrTrain(
            ExperimentConfig config, Path dir, PrintStream console) throws IOException {
        if (isFinished(dir)) {
            console.println("reusing finished run " + dir);
            return EvaluationJson.read(dir.resolve("metrics.json"));
        }
        if (Files.exists(dir)) {
            console.println("training again the unfinished run " + dir);
            deleteTree(dir);
        }
        console.println("== " + dir);
        return Experiment.train(config, dir, List.of("compare"), console, false).finalEvaluation();
    }

    private static boolean isFinished(Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        return Files.isRegularFile(manifest) && Files.isRegularFile(dir.resolve("metrics.json"))
                && "finished".equals(ResultFiles.mapper().readTree(manifest.toFile())
                        .path("status").asText());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
