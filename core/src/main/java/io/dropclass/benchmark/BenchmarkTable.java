package io.dropclass.benchmark;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** The benchmark as a readable text table. */
public final class BenchmarkTable {

    private BenchmarkTable() {}

    /**
     * Formats a report.
     *
     * @param report the figures
     * @return lines ending in a newline
     */
    public static String format(BenchmarkReport report) {
        StringBuilder s = new StringBuilder();
        header(s, report);
        line(s, "");
        training(s, report.train());
        line(s, "");
        arithmetic(s, report);
        line(s, "");
        inference(s, report);
        line(s, "");
        report.profile().ifPresent(p -> profile(s, p));
        memory(s, report.memory());
        return s.toString();
    }

    /** The run's identity, the versions and the notes. */
    private static void header(StringBuilder s, BenchmarkReport report) {
        line(s, "%s  %s / %s  batch %d  crop %s  threads %d  loader threads %d", report.tool(),
                report.model(), report.method(), report.batch(), report.crop(), report.threads(),
                report.loaderThreads());
        line(s, "versions: %s", String.join(", ", report.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        for (String note : report.notes()) {
            line(s, "note: %s", note);
        }
    }

    /** Mean and median time of each phase and of the step, and the throughput. */
    private static void training(StringBuilder s, TrainingMeasurement t) {
        line(s, "training (%d steps after %d warm-up)   mean ms   median ms   share", t.steps(),
                t.warmup());
        for (Map.Entry<String, Double> e : t.phasesMsMean().entrySet()) {
            line(s, "  %-36s %8.1f    %8.1f   %5.1f %%", e.getKey(), e.getValue(),
                    t.phasesMsMedian().get(e.getKey()), 100 * e.getValue() / t.stepMsMean());
        }
        line(s, "  %-36s %8.1f    %8.1f", "step", t.stepMsMean(), t.stepMsMedian());
        line(s, "  images/s (batch / mean step)         %8.2f", t.imagesPerSecond());
    }

    /** Counted FLOPs, achieved rate, the matrix-product ceiling and the efficiency. */
    private static void arithmetic(StringBuilder s, BenchmarkReport report) {
        FlopFigures f = report.flops();
        line(s, "arithmetic (counted from layer shapes; 1 MAC = 2 FLOP, step = 3 forwards)");
        line(s, "  forward GMAC per image               %8.3f  (convolutions %.3f, resize"
                + " matrix products %.3f)", f.forwardGmacPerImage(),
                f.convolutionMacsPerImage() / 1e9,
                (f.forwardMacsPerImage() - f.convolutionMacsPerImage()) / 1e9);
        line(s, "  step GFLOP (3 x 2 x MAC x batch)     %8.2f", f.stepGflop());
        if (f.dropClassExtraShare().isPresent()) {
            line(s, "  DropClass branch share of forward    %8.1f %%",
                    100 * f.dropClassExtraShare().getAsDouble());
        }
        line(s, "  achieved GFLOP/s (training)          %8.2f", report.trainingGflopsPerSecond());
        line(s, "  matmul %dx%d float32 GFLOP/s       %8.2f  (median %.1f ms)", report.matmul().n(),
                report.matmul().n(), report.matmul().gflopsPerSecond(), report.matmul().msMedian());
        line(s, "  efficiency (training / matmul)       %8.1f %%", 100 * report.efficiency());
    }

    /** Median time and throughput at each inference size. */
    private static void inference(StringBuilder s, BenchmarkReport report) {
        if (report.inference().isEmpty()) {
            line(s, "inference: not measured");
        } else {
            line(s, "%s", "inference (normalise, forward, logits upsampled, argmax)"
                    + "   median ms   images/s");
            for (InferenceBenchmark.InferenceResult r : report.inference()) {
                line(s, "  %-28s %-26s %9.1f   %8.2f", r.height() + "x" + r.width(),
                        "batch " + r.batch(), r.msMedian(), r.imagesPerSecond());
            }
        }
    }

    /** Peak and final RSS, the allocator, page faults and the RSS curve. */
    private static void memory(StringBuilder s, MemoryFigures memory) {
        line(s, "memory: peak RSS %s MiB (VmHWM), final RSS %s MiB",
                mb(memory.process().peakMb()), mb(memory.process().currentMb()));
        line(s, "  allocator: %s, %s (%s)", memory.allocator().name(),
                memory.allocator().retains() ? "keeps freed memory" : "returns freed memory",
                memory.allocator().detail());
        line(s, "  page faults per timed step: %s minor, %s major",
                count(memory.minorFaultsPerStep()), count(memory.majorFaultsPerStep()));
        RssCurve curve = memory.rss();
        if (!curve.points().isEmpty()) {
            RssCurve.Point first = curve.points().get(0);
            RssCurve.Point last = curve.points().get(curve.points().size() - 1);
            OptionalDouble slope = curve.slopePer100StepsSecondHalf();
            line(s, "  RSS curve (%d samples): step %d %.0f MiB, step %d %.0f MiB, max %.0f MiB,"
                    + " slope over the second half %s MiB per 100 steps", curve.points().size(),
                    first.step(), first.mb(), last.step(), last.mb(), curve.max().orElseThrow(),
                    slope.isPresent() ? String.format(Locale.ROOT, "%+.2f", slope.getAsDouble())
                            : "n/a");
        }
    }

    private static String mb(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f", value.getAsDouble()) : "n/a";
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String count(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,.0f", value.getAsDouble()) : "n/a";
    }

    private static void profile(StringBuilder s, OperatorProfile p) {
        line(s, "operators of one profiled training step (self time; %.1f ms in all)",
                p.totalSelfMs());
        line(s, "  %-44s %8s %10s %7s %10s", "operator", "calls", "self ms", "share",
                "total ms");
        for (OperatorProfile.Row r : p.rows()) {
            line(s, "  %-44s %8d %10.1f %6.1f%% %10.1f", r.name(), r.calls(), r.selfMs(),
                    100 * r.selfMs() / p.totalSelfMs(), r.totalMs());
        }
        line(s, "");
    }
}
