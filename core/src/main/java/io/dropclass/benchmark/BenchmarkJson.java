package io.dropclass.benchmark;

import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The benchmark's JSON file. Its keys are fixed (drivers read them); a figure that could not be
 * measured (e.g. memory off Linux) is {@code null}.
 *
 * <pre>
 * {"tool", "model", "method", "batch", "crop": [H, W], "threads", "loader_threads",
 *  "train": {"steps", "warmup", "images_per_second", "step_ms_median", "step_ms_mean",
 *            "phases_ms": {"data", "forward", "backward", "optimizer"} (means),
 *            "phases_ms_median": {...}, "forward_gmac_per_image",
 *            "forward_conv_gmac_per_image" (its convolutions), "step_gflop",
 *            "gflops_per_second", "dropclass_extra_share" (null for other methods)},
 *  "inference": [{"height", "width", "batch", "ms_median", "images_per_second"}],
 *  "matmul": {"n", "gflops_per_second", "ms_median"}, "efficiency",
 *  "rss": {"peak_mb", "final_mb", "curve": [[step, mb], ...], "slope_mb_per_100_steps"},
 *  "memory": {"allocator", "allocator_retains", "allocator_detail",
 *             "page_faults_minor_per_step", "page_faults_major_per_step"},
 *  "profile": {"self_ms_all_operators", "operators": [{"operator", "calls", "self_ms",
 *              "total_ms"}]} (with --profile),
 *  "versions": {...}, "notes": [...]}
 * </pre>
 */
public final class BenchmarkJson {

    private BenchmarkJson() {}

    /**
     * Writes the file atomically.
     *
     * @param file the target
     * @param report the figures
     * @throws IOException if the file cannot be written (it is then unchanged)
     */
    public static void write(Path file, BenchmarkReport report) throws IOException {
        ResultFiles.writeJson(file, tree(report));
    }

    /**
     * The JSON tree of a report.
     *
     * @param report the figures
     * @return nested maps and lists in the key order of the file
     */
    public static Map<String, Object> tree(BenchmarkReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", report.tool());
        root.put("model", report.model());
        root.put("method", report.method());
        root.put("batch", report.batch());
        root.put("crop", List.of(report.crop().height(), report.crop().width()));
        root.put("threads", report.threads());
        root.put("loader_threads", report.loaderThreads());
        root.put("train", train(report));
        root.put("inference", inference(report.inference()));
        Map<String, Object> matmul = new LinkedHashMap<>();
        matmul.put("n", report.matmul().n());
        matmul.put("gflops_per_second", number(report.matmul().gflopsPerSecond()));
        matmul.put("ms_median", number(report.matmul().msMedian()));
        root.put("matmul", matmul);
        root.put("efficiency", number(report.efficiency()));
        memory(root, report.memory());
        report.profile().ifPresent(p -> root.put("profile", profile(p)));
        root.put("versions", report.versions());
        root.put("notes", report.notes());
        return root;
    }

    /** The training figures: step times, phases and the counted arithmetic. */
    private static Map<String, Object> train(BenchmarkReport report) {
        TrainingMeasurement t = report.train();
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("steps", t.steps());
        train.put("warmup", t.warmup());
        train.put("images_per_second", number(t.imagesPerSecond()));
        train.put("step_ms_median", number(t.stepMsMedian()));
        train.put("step_ms_mean", number(t.stepMsMean()));
        train.put("phases_ms", numbers(t.phasesMsMean()));
        train.put("phases_ms_median", numbers(t.phasesMsMedian()));
        train.put("forward_gmac_per_image", number(report.flops().forwardGmacPerImage()));
        train.put("forward_conv_gmac_per_image",
                number(report.flops().convolutionMacsPerImage() / 1e9));
        train.put("step_gflop", number(report.flops().stepGflop()));
        train.put("gflops_per_second", number(report.trainingGflopsPerSecond()));
        train.put("dropclass_extra_share", number(report.flops().dropClassExtraShare()));
        return train;
    }

    /** One entry per inference size. */
    private static List<Object> inference(List<InferenceBenchmark.InferenceResult> results) {
        List<Object> inference = new ArrayList<>();
        for (InferenceBenchmark.InferenceResult r : results) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("height", r.height());
            entry.put("width", r.width());
            entry.put("batch", r.batch());
            entry.put("ms_median", number(r.msMedian()));
            entry.put("images_per_second", number(r.imagesPerSecond()));
            inference.add(entry);
        }
        return inference;
    }

    /** The {@code rss} and {@code memory} sections. */
    private static void memory(Map<String, Object> root, MemoryFigures memory) {
        Map<String, Object> rss = new LinkedHashMap<>();
        rss.put("peak_mb", number(memory.process().peakMb()));
        rss.put("final_mb", number(memory.process().currentMb()));
        List<Object> curve = new ArrayList<>();
        for (RssCurve.Point p : memory.rss().points()) {
            curve.add(List.of(p.step(), p.mb()));
        }
        rss.put("curve", curve);
        rss.put("slope_mb_per_100_steps", number(memory.rss().slopePer100StepsSecondHalf()));
        root.put("rss", rss);
        Map<String, Object> allocation = new LinkedHashMap<>();
        allocation.put("allocator", memory.allocator().name());
        allocation.put("allocator_retains", memory.allocator().retains());
        allocation.put("allocator_detail", memory.allocator().detail());
        allocation.put("page_faults_minor_per_step", number(memory.minorFaultsPerStep()));
        allocation.put("page_faults_major_per_step", number(memory.majorFaultsPerStep()));
        root.put("memory", allocation);
    }

    /** The operator profile: one row per operator, and the total self time. */
    private static Map<String, Object> profile(OperatorProfile p) {
        List<Object> rows = new ArrayList<>();
        for (OperatorProfile.Row r : p.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("operator", r.name());
            row.put("calls", r.calls());
            row.put("self_ms", number(r.selfMs()));
            row.put("total_ms", number(r.totalMs()));
            rows.add(row);
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("self_ms_all_operators", number(p.totalSelfMs()));
        profile.put("operators", rows);
        return profile;
    }

    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : null;
    }

    private static Map<String, Double> numbers(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, number(v)));
        return out;
    }
}
