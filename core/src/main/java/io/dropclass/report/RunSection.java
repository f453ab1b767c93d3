package io.dropclass.report;

import static io.dropclass.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropclass.report.chart.HeatMapChart;
import io.dropclass.report.chart.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The HTML of one run: status, training curves, analysis figures and provenance. */
final class RunSection {

    /** history.csv columns that are bookkeeping, not loss terms. */
    private static final Set<String> NOT_LOSS = Set.of("iteration", "epoch", "lr", "dropped",
            "dropped_class", "images_per_second", "elapsed_seconds");
    private static final List<String> VALIDATION = List.of("miou", "miou_absent_as_zero",
            "rare_miou", "pixel_accuracy", "mean_class_accuracy");

    private RunSection() {}

    /** The status badge: green for finished, red with the status otherwise. */
    static String badge(RunData run) {
        return run.finished() ? "<span class=\"status status-finished\">finished</span>"
                : "<span class=\"status status-other\">" + esc("not finished: " + run.status())
                        + "</span>";
    }

    static String anchor(int index) {
        return "run-" + index;
    }

    static String html(RunData run, int index) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<section class=\"run\" id=\"").append(anchor(index)).append("\">\n<h2>")
                .append(esc(run.name())).append(" ").append(badge(run)).append("</h2>\n");
        out.append("<p class=\"note\">method <b>").append(esc(run.method()))
                .append("</b> · model ").append(esc(run.architecture())).append(" · seed ")
                .append(run.seed() < 0 ? "unknown" : Long.toString(run.seed()))
                .append(" · directory <code>").append(esc(run.dir())).append("</code></p>\n");
        if (!run.finished()) {
            String error = run.manifest().path("error").asText("");
            out.append("<p class=\"delta-worse\">This run did not finish (status: ")
                    .append(esc(run.status())).append(")")
                    .append(error.isBlank() ? "" : ": " + esc(error))
                    .append(". Its figures are partial and it is left out of the comparison.")
                    .append("</p>\n");
        }
        curves(out, run);
        analysis(out, run);
        provenance(out, run);
        out.append("</section>\n");
        return out.toString();
    }

    private static void curves(StringBuilder out, RunData run) {
        CsvTable h = run.history();
        CsvTable v = run.validation();
        List<String> charts = new ArrayList<>();
        double[] it = h.column("iteration");
        if (it.length > 0) {
            List<LineChart.Series> losses = new ArrayList<>();
            for (String column : h.columns()) {
                if (!NOT_LOSS.contains(column) && h.informative(column)) {
                    losses.add(new LineChart.Series(column, it, h.column(column)));
                }
            }
            if (!losses.isEmpty()) {
                charts.add(Html.img(LineChart.draw("Loss terms", "iteration", losses),
                        "loss terms of " + run.name()));
            }
            if (h.columns().contains("lr")) {
                charts.add(Html.img(LineChart.draw("Learning rate", "iteration",
                        List.of(new LineChart.Series("lr", it, h.column("lr")))),
                        "learning rate of " + run.name()));
            }
        }
        double[] vit = v.column("iteration");
        if (vit.length > 0) {
            List<LineChart.Series> metrics = new ArrayList<>();
            for (String column : VALIDATION) {
                if (v.columns().contains(column)) {
                    metrics.add(new LineChart.Series(column, vit, v.column(column)));
                }
            }
            charts.add(Html.img(LineChart.draw("Validation", "iteration", metrics),
                    "validation metrics of " + run.name()));
        }
        out.append("<h3>Training curves</h3>\n");
        if (charts.isEmpty()) {
            out.append("<p class=\"note\">No history.csv or validation.csv.</p>\n");
        } else {
            out.append("<div class=\"charts\">").append(String.join("\n", charts))
                    .append("</div>\n");
        }
    }

    private static void analysis(StringBuilder out, RunData run) throws IOException {
        if (run.similarity() != null) {
            out.append("<h3>Class similarity</h3>\n<div class=\"charts\">")
                    .append(Html.img(HeatMapChart.draw(
                            "Class similarity (analysis/similarity.json)",
                            run.similarity().classes(), run.similarity().matrix()),
                            "class similarity of " + run.name()))
                    .append("</div>\n");
        }
        panels(out, "Grad-CAM", run.camPanels());
        panels(out, "Predictions (image | truth | prediction)", run.predictionPanels());
    }

    private static void panels(StringBuilder out, String title, List<Path> files)
            throws IOException {
        if (files.isEmpty()) {
            return;
        }
        out.append("<h3>").append(esc(title)).append("</h3>\n<div class=\"panels\">\n");
        for (Path file : files) {
            String name = String.valueOf(file.getFileName());
            out.append("<figure>").append(Html.img(Files.readAllBytes(file), name))
                    .append("<figcaption class=\"note\">").append(esc(name))
                    .append("</figcaption></figure>\n");
        }
        out.append("</div>\n");
    }

    private static void provenance(StringBuilder out, RunData run) {
        JsonNode m = run.manifest();
        out.append("<h3>Provenance</h3>\n<table>\n");
        row(out, "status", run.status());
        row(out, "tool", m.path("tool").asText(""));
        row(out, "seed", run.seed() < 0 ? "unknown" : Long.toString(run.seed()));
        row(out, "threads", m.path("threads").asText(""));
        row(out, "git commit", m.path("git_commit").isNull() || m.path("git_commit").isMissingNode()
                ? "unknown (not a git checkout)" : m.path("git_commit").asText());
        entries(out, "", m.path("versions"));
        entries(out, "dataset ", m.path("datasets"));
        row(out, "started", m.path("started_at").asText(""));
        row(out, "finished", m.path("finished_at").isNull() ? "" : m.path("finished_at")
                .asText(""));
        if (m.path("command").isArray()) {
            List<String> words = new ArrayList<>();
            m.path("command").forEach(w -> words.add(w.asText()));
            row(out, "command", String.join(" ", words));
        }
        out.append("</table>\n<details><summary>config.json (resolved configuration)</summary>")
                .append("<pre>")
                .append(esc(run.configJson())).append("</pre></details>\n");
    }

    private static void entries(StringBuilder out, String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(out, prefix + e.getKey(), e.getValue().asText());
        }
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append("<tr><th class=\"name\">").append(esc(key)).append("</th><td class=\"name\">")
                .append(esc(value)).append("</td></tr>\n");
    }
}
