package io.dropclass.experiment;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.experiment.Comparison.Arm;
import io.dropclass.experiment.Comparison.Plan;
import io.dropclass.report.ReportBuilder;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.SerialPartitions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence study (docs/evidence.md): a {@link Comparison} of the baseline, DropClass and
 * class-weighted cross-entropy over several seeds, from one shared {@link WarmStart}, and what
 * explains its result:
 *
 * <ul>
 *   <li>every run evaluated again on the {@code shift} split, where the context is broken;
 *   <li>DropClass's runs evaluated again with the plain branch (inference ablation, every seed);
 *   <li>DropClass trained again with the iteration schedule, α = 1, present-class sampling and
 *       without precise BatchNorm (one seed each, paired with the main runs of that seed);
 *   <li>the report (classifier similarity, Grad-CAM) of the first seed's runs.
 * </ul>
 *
 * <p>Everything is a run of {@code compare} (trained by any {@link RunExecutor}) or an {@code
 * evaluate} of its checkpoints, reused when finished, so an interrupted study resumes.
 */
public final class Study {

    /** The compared methods: the baseline, DropClass and the imbalance baseline. */
    public static final List<Arm> MAIN =
            List.of(Arm.of("baseline"), Arm.of("dropclass"), Arm.of("weighted_ce"));

    /**
     * DropClass trained differently: the schedule, α, the sampling of z, and without precise
     * BatchNorm (its running statistics as the official code leaves them).
     */
    public static final List<Arm> ABLATIONS = List.of(
            new Arm("dropclass_iteration", "dropclass", List.of("dropclass.schedule=iteration")),
            new Arm("dropclass_alpha1", "dropclass", List.of("dropclass.alpha=1")),
            new Arm("dropclass_present", "dropclass", List.of("dropclass.sampling=present")),
            new Arm("dropclass_no_precise_bn", "dropclass",
                    List.of("train.precise_bn_batches=0")));

    /**
     * The tables of a study, as the console and {@code study.md} show them.
     *
     * @param main the comparison on the validation split
     * @param shift the same runs on the shift split
     * @param branch DropClass's runs predicting with the drop or the plain branch
     * @param ablations the one-seed ablations
     * @param report the HTML report
     */
    public record Result(String main, String shift, String branch, String ablations,
            Path report) {

        /** All tables, with headings. */
        public String text() {
            return "## Validation split\n\n" + main + "\n## Shift split (context broken)\n\n"
                    + shift + "\n## Inference branch (DropClass runs, drop vs plain)\n\n"
                    + branch + "\n## Ablations (one seed)\n\n" + ablations;
        }
    }

    private Study() {}

    /**
     * Runs (or reuses) the whole study.
     *
     * @param base the shared configuration (the study preset with the user's overrides)
     * @param seeds the seeds of the main comparison; the ablations use the first
     * @param weightScheme the class-weight scheme of {@code weighted_ce}
     * @param root the study folder
     * @param executor trains the runs (serially, in child JVMs, on a cluster)
     * @param console progress
     * @return the tables (also in {@code root/study.md}) and the report
     * @throws IOException if a run or a file cannot be written
     */
    public static Result run(ExperimentConfig base, List<Long> seeds, String weightScheme,
            Path root, RunExecutor executor, PrintStream console) throws IOException {
        Comparison.Result main = Comparison.run(base,
                new Plan(MAIN, seeds, weightScheme, "comparison.json"), root, executor, console);
        Map<String, List<SegmentationEvaluation>> shift = new LinkedHashMap<>();
        for (Arm arm : MAIN) {
            shift.put(arm.name(), reevaluate(root, arm, seeds, "shift",
                    List.of("data.val_split=shift"), console));
        }
        Map<String, List<SegmentationEvaluation>> branch = new LinkedHashMap<>();
        branch.put("baseline", main.evaluations().get("baseline"));
        branch.put("dropclass", main.evaluations().get("dropclass"));
        branch.put("dropclass_plain", reevaluate(root, Arm.of("dropclass"), seeds, "plain",
                List.of("dropclass.inference_branch=plain"), console));
        List<Arm> ablationArms = new ArrayList<>(List.of(Arm.of("dropclass")));
        ablationArms.addAll(ABLATIONS);
        Comparison.Result ablations = Comparison.run(base,
                new Plan(ablationArms, seeds.subList(0, 1), weightScheme, "ablations.json"),
                root, executor, console);
        Path report = root.resolve("report.html");
        ReportBuilder.build(MAIN.stream().map(a -> Comparison.runFolder(root, a, seeds.get(0)))
                .toList(), report);
        Result result = new Result(main.table(),
                summarise(root, "shift.json", shift, main, seeds),
                summarise(root, "branch.json", branch, main, seeds),
                ablations.table(), report);
        AtomicFiles.writeString(root.resolve("study.md"), result.text());
        return result;
    }

    /** The table of a set of evaluations (and its JSON under {@code root}). */
    private static String summarise(Path root, String file,
            Map<String, List<SegmentationEvaluation>> evaluations, Comparison.Result main,
            List<Long> seeds) throws IOException {
        ResultFiles.writeJson(root.resolve(file),
                ComparisonReport.json(evaluations, main.rareClasses(), seeds));
        return ComparisonReport.table(evaluations, main.rareClasses(), seeds);
    }

    /**
     * The final networks of an arm's runs evaluated again with other settings (another split, the
     * other branch), in {@code RUN/evaluate-<name>}; a finished evaluation is reused.
     */
    static List<SegmentationEvaluation> reevaluate(Path root, Arm arm, List<Long> seeds,
            String name, List<String> overrides, PrintStream console) throws IOException {
        List<SegmentationEvaluation> out = new ArrayList<>();
        for (long seed : seeds) {
            Path run = Comparison.runFolder(root, arm, seed);
            Path output = run.resolve("evaluate-" + name);
            Path metrics = output.resolve("metrics.json");
            if (Files.isRegularFile(metrics)) {
                out.add(EvaluationJson.read(metrics));
                continue;
            }
            console.println("== evaluate " + run + " (" + String.join(" ", overrides) + ")");
            Path checkpoint = run.resolve("checkpoints").resolve("last.safetensors");
            ExperimentConfig config = ConfigFiles.resolve(Inference.runConfig(checkpoint), null,
                    overrides);
            out.add(Inference.evaluate(config, checkpoint, output, new SerialPartitions(1))
                    .evaluation());
        }
        return out;
    }
}
