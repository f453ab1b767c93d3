package io.dropclass.report;

import static io.dropclass.report.Html.esc;

import io.dropclass.report.chart.ScatterChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Builds one self-contained HTML page (inline style, charts as embedded PNG, no scripts or
 * external resources) from run directories' files only. Runs are grouped by method across seeds;
 * the "baseline" method (else the first method met) is the reference of the per-class deltas.
 * Runs whose manifest status is not "finished" are shown, marked, and left out of the comparison.
 */
public final class ReportBuilder {

    /** The method that the per-class deltas are taken against, when present. */
    public static final String BASELINE = "baseline";

    private ReportBuilder() {}

    /**
     * Reads the run directories and writes the page.
     *
     * @param runDirs run directories, at least one
     * @param outputHtml the page to write (parent folders are created)
     * @throws IOException if a run directory cannot be read or the page cannot be written; the
     *     message names the file
     */
    public static void build(List<Path> runDirs, Path outputHtml) throws IOException {
        List<RunData> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunData.read(dir));
        }
        String page = render(runs, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Path parent = outputHtml.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(outputHtml, page, StandardCharsets.UTF_8);
    }

    /**
     * Renders the page.
     *
     * @param runs the runs, in the order given
     * @param generatedAt a timestamp shown in the header
     * @return the HTML
     * @throws IOException if an analysis PNG cannot be read
     */
    public static String render(List<RunData> runs, String generatedAt) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run directories given");
        }
        List<MethodGroup> groups = groups(runs);
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\"")
                .append(" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>dropclass report</title>\n<style>\n").append(Html.STYLE)
                .append("</style>\n</head>\n<body>\n<h1>dropclass report</h1>\n")
                .append("<p class=\"note\">").append(runs.size()).append(" run(s), ")
                .append(groups.size()).append(" method(s) compared; generated ")
                .append(esc(generatedAt)).append(" from the run directories' files.</p>\n");
        runList(out, runs);
        comparison(out, groups);
        if (!groups.isEmpty()) {
            perClass(out, groups);
            scatter(out, groups);
            ExplanationSection.html(out, groups, shares(groups));
        }
        for (int i = 0; i < runs.size(); i++) {
            out.append(RunSection.html(runs.get(i), i));
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** Finished runs grouped by method, the baseline first, then in order of appearance. */
    static List<MethodGroup> groups(List<RunData> runs) {
        Map<String, List<RunData>> byMethod = new LinkedHashMap<>();
        for (RunData run : runs) {
            if (run.finished()) {
                byMethod.computeIfAbsent(run.method(), m -> new ArrayList<>()).add(run);
            }
        }
        List<MethodGroup> groups = new ArrayList<>();
        if (byMethod.containsKey(BASELINE)) {
            groups.add(new MethodGroup(BASELINE, byMethod.remove(BASELINE)));
        }
        byMethod.forEach((method, list) -> groups.add(new MethodGroup(method, list)));
        return groups;
    }

    private static void runList(StringBuilder out, List<RunData> runs) {
        out.append("<h2>Runs</h2>\n<table>\n<tr><th class=\"name\">run</th>")
                .append("<th class=\"name\">method</th><th class=\"name\">model</th><th>seed</th>")
                .append("<th class=\"name\">status</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            out.append("<tr><td class=\"name\"><a href=\"#").append(RunSection.anchor(i))
                    .append("\">").append(esc(r.name())).append("</a></td><td class=\"name\">")
                    .append(esc(r.method())).append("</td><td class=\"name\">")
                    .append(esc(r.architecture())).append("</td><td>")
                    .append(r.seed() < 0 ? "?" : Long.toString(r.seed()))
                    .append("</td><td class=\"name\">").append(RunSection.badge(r))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void comparison(StringBuilder out, List<MethodGroup> groups) {
        out.append("<h2>Comparison</h2>\n");
        if (groups.isEmpty()) {
            out.append("<p class=\"delta-worse\">No finished run: nothing to compare.</p>\n");
            return;
        }
        out.append("<p class=\"note\">Final evaluation (metrics.json), in %. With several seeds: ")
                .append("mean ± sample standard deviation. Rare classes: pixel share under 1 % ")
                .append("of the training labels (class_stats.json). ")
                .append("Δ: against ").append(esc(groups.get(0).method()))
                .append(", coloured as in the per-class table below.");
        boolean instances = groups.stream().anyMatch(g -> Double.isFinite(g.mean(RunData::iiou)));
        if (instances) {
            out.append(" iIoU: the official Cityscapes instance-level IoU (true positives and ")
                    .append("false negatives of each instance weighted by the class's average ")
                    .append("instance size over its size), mean over the classes with instances.");
        }
        out.append("</p>\n")
                .append("<table>\n<tr><th class=\"name\">method</th><th>seeds</th><th>mIoU</th>")
                .append("<th>Δ</th><th>rare-class mIoU</th><th>Δ</th><th>pixel accuracy</th>")
                .append("<th>Δ</th>").append(instances ? "<th>iIoU</th><th>Δ</th>" : "")
                .append("</tr>\n");
        for (MethodGroup g : groups) {
            Set<String> seeds = new LinkedHashSet<>();
            g.runs().forEach(r -> seeds.add(r.seed() < 0 ? "?" : Long.toString(r.seed())));
            out.append("<tr><td class=\"name\">").append(esc(g.method())).append("</td><td>")
                    .append(esc(String.join(", ", seeds))).append("</td>");
            cell(out, groups.get(0), g, RunData::miou);
            cell(out, groups.get(0), g, RunData::rareMiou);
            cell(out, groups.get(0), g, RunData::pixelAccuracy);
            if (instances) {
                cell(out, groups.get(0), g, RunData::iiou);
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void cell(StringBuilder out, MethodGroup base, MethodGroup g,
            ToDoubleFunction<RunData> value) {
        out.append("<td>").append(esc(Html.percent(g.mean(value), g.std(value)))).append("</td>");
        out.append(g == base ? "<td></td>" : delta(base, g, value));
    }

    private static void perClass(StringBuilder out, List<MethodGroup> groups) {
        MethodGroup base = groups.get(0);
        Set<String> classes = new LinkedHashSet<>();
        groups.forEach(g -> classes.addAll(g.classNames()));
        Map<String, Double> shares = shares(groups);
        out.append("<h2>Per-class IoU</h2>\n<p class=\"note\">IoU in %; deltas in percentage ")
                .append("points against <b>").append(esc(base.method())).append("</b>: ")
                .append("<span class=\"delta-better\">green: better</span>, ")
                .append("<span class=\"delta-worse\">red: worse</span>, ")
                .append("<span class=\"delta-noise\">grey: within noise</span> (the difference ")
                .append("is smaller than the larger of the two methods' seed standard ")
                .append("deviations, so these seeds cannot tell the methods apart). With one seed ")
                .append("per method there is no noise estimate: a single difference may be seed ")
                .append("luck. Rare classes are shaded.</p>\n<table>\n<tr><th class=\"name\">")
                .append("class</th><th>share %</th>");
        for (int i = 0; i < groups.size(); i++) {
            out.append("<th>").append(esc(groups.get(i).method())).append("</th>");
            if (i > 0) {
                out.append("<th>Δ ").append(esc(groups.get(i).method())).append("</th>");
            }
        }
        out.append("</tr>\n");
        for (String c : classes) {
            double share = shares.getOrDefault(c, Double.NaN);
            boolean rare = Double.isFinite(share)
                    && share < io.dropclass.analysis.ClassStatistics.RARE_SHARE;
            out.append(rare ? "<tr class=\"rare\">" : "<tr>").append("<td class=\"name\">")
                    .append(esc(c)).append("</td><td>")
                    .append(Double.isFinite(share) ? Html.percent(share) : "")
                    .append("</td>");
            for (int i = 0; i < groups.size(); i++) {
                MethodGroup g = groups.get(i);
                out.append("<td>").append(esc(Html.percent(g.classMean(c), g.classStd(c))))
                        .append("</td>");
                if (i > 0) {
                    out.append(delta(base, g, c));
                }
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    /** The delta cell of method g against base for one class. */
    static String delta(MethodGroup base, MethodGroup g, String className) {
        return delta(base, g, r -> r.classIou().getOrDefault(className, Double.NaN));
    }

    /**
     * A delta cell: green when g is better than base, red when worse, grey when the difference is
     * smaller than the larger of the two seed standard deviations (or zero).
     */
    static String delta(MethodGroup base, MethodGroup g, ToDoubleFunction<RunData> value) {
        double d = g.mean(value) - base.mean(value);
        if (!Double.isFinite(d)) {
            return "<td class=\"delta-noise\">n/a</td>";
        }
        double noise = Math.max(finiteOrZero(base.std(value)), finiteOrZero(g.std(value)));
        String text = Html.signedPoints(d);
        if (Math.abs(d) < noise || d == 0) {
            String why = noise > 0 ? " (within noise)" : "";
            return "<td class=\"delta-noise\">" + esc(text + why) + "</td>";
        }
        return "<td class=\"" + (d > 0 ? "delta-better" : "delta-worse") + "\">" + esc(text)
                + "</td>";
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** Class shares from the first run that has class_stats.json. */
    private static Map<String, Double> shares(List<MethodGroup> groups) {
        for (MethodGroup g : groups) {
            for (RunData r : g.runs()) {
                if (!r.shares().isEmpty()) {
                    return r.shares();
                }
            }
        }
        return Map.of();
    }

    private static void scatter(StringBuilder out, List<MethodGroup> groups) {
        Map<String, Double> shares = shares(groups);
        if (shares.isEmpty()) {
            return;
        }
        List<ScatterChart.Group> points = new ArrayList<>();
        for (MethodGroup g : groups) {
            List<String> labels = new ArrayList<>();
            List<double[]> xy = new ArrayList<>();
            for (String c : g.classNames()) {
                Double share = shares.get(c);
                if (share != null && Double.isFinite(share)) {
                    labels.add(c);
                    xy.add(new double[] {share, g.classMean(c)});
                }
            }
            points.add(new ScatterChart.Group(g.method(), labels,
                    xy.stream().mapToDouble(p -> p[0]).toArray(),
                    xy.stream().mapToDouble(p -> p[1]).toArray()));
        }
        out.append("<h2>IoU against class share</h2>\n<p class=\"note\">Each point is a class; ")
                .append("its IoU (mean over seeds) against its share of the training pixels. ")
                .append("Fair methods lift the points left of the red 1 % line.</p>\n")
                .append("<div class=\"charts\">")
                .append(Html.img(ScatterChart.draw("Per-class IoU vs pixel share", points),
                        "per-class IoU against class pixel share"))
                .append("</div>\n");
    }
}
