package io.dropclass.report;

import static io.dropclass.report.Html.esc;

import io.dropclass.analysis.ClassStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's three claims, side by side across methods: disentanglement (mean cosine similarity
 * of rare and of frequent classes' weight vectors to the others), IoU gain against class share,
 * and Grad-CAM panels of the same classes for each method.
 */
final class ExplanationSection {

    private ExplanationSection() {}

    static void html(StringBuilder out, List<MethodGroup> groups, Map<String, Double> shares)
            throws IOException {
        similarity(out, groups, shares);
        if (groups.size() > 1) {
            gains(out, groups, shares);
        }
        cams(out, groups);
    }

    private static void similarity(
            StringBuilder out, List<MethodGroup> groups, Map<String, Double> shares) {
        out.append("<h2>Disentanglement</h2>\n<p class=\"note\">Mean cosine similarity of each"
                + " class's classifier weight vector to the other classes', averaged over the rare"
                + " classes (under 1 % of the pixels) and over the others."
                + " Lower means the classifier"
                + " separates the classes more; the paper reports that rare classes start highly"
                + " similar to many others.</p>\n<table>\n<tr><th class=\"name\">method</th>"
                + "<th>seed</th><th>rare classes</th><th>frequent classes</th></tr>\n");
        for (MethodGroup g : groups) {
            for (RunData run : g.runs()) {
                if (run.similarity() == null) {
                    continue;
                }
                double[] means = rareAndFrequent(run.similarity(), shares);
                out.append("<tr><td class=\"name\">").append(esc(g.method())).append("</td><td>")
                        .append(run.seed()).append("</td><td>").append(fmt(means[0]))
                        .append("</td><td>").append(fmt(means[1])).append("</td></tr>\n");
            }
        }
        out.append("</table>\n");
    }

    /** Mean of each class's mean similarity to the others, for rare and for frequent classes. */
    static double[] rareAndFrequent(Similarity sim, Map<String, Double> shares) {
        double[] sum = new double[2];
        int[] n = new int[2];
        int k = sim.classes().size();
        for (int i = 0; i < k; i++) {
            double row = 0;
            int cells = 0;
            for (int j = 0; j < k; j++) {
                if (j != i && Double.isFinite(sim.matrix()[i][j])) {
                    row += sim.matrix()[i][j];
                    cells++;
                }
            }
            if (cells == 0) {
                continue;
            }
            int group = shares.getOrDefault(sim.classes().get(i), 0.0)
                    < ClassStatistics.RARE_SHARE ? 0 : 1;
            sum[group] += row / cells;
            n[group]++;
        }
        return new double[] {n[0] == 0 ? Double.NaN : sum[0] / n[0],
            n[1] == 0 ? Double.NaN : sum[1] / n[1]};
    }

    private static void gains(
            StringBuilder out, List<MethodGroup> groups, Map<String, Double> shares) {
        MethodGroup base = groups.get(0);
        out.append("<h2>IoU gain against class share</h2>\n<p class=\"note\">Classes from the"
                + " rarest up; gain = method − ").append(esc(base.method()))
                .append(" in IoU percentage points (means over seeds).</p>\n<table>\n"
                        + "<tr><th class=\"name\">class</th><th>share %</th>");
        groups.stream().skip(1).forEach(g -> out.append("<th>").append(esc(g.method()))
                .append("</th>"));
        out.append("</tr>\n");
        List<Map.Entry<String, Double>> byShare = new ArrayList<>(shares.entrySet());
        byShare.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        for (Map.Entry<String, Double> e : byShare) {
            out.append("<tr><td class=\"name\">").append(esc(e.getKey())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", 100 * e.getValue())).append("</td>");
            for (MethodGroup g : groups.subList(1, groups.size())) {
                double gain = g.classMean(e.getKey()) - base.classMean(e.getKey());
                double spread = Math.max(finite(base.classStd(e.getKey())),
                        finite(g.classStd(e.getKey())));
                String css = !Double.isFinite(gain) || Math.abs(gain) < 1e-9 ? "delta-same"
                        : Math.abs(gain) < spread ? "delta-noise"
                        : gain > 0 ? "delta-better" : "delta-worse";
                out.append("<td class=\"").append(css).append("\">")
                        .append(Double.isFinite(gain) ? Html.signedPoints(gain) : "n/a")
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void cams(StringBuilder out, List<MethodGroup> groups) throws IOException {
        Map<String, Map<String, Path>> byFile = new LinkedHashMap<>();
        for (MethodGroup g : groups) {
            if (g.runs().isEmpty()) {
                continue;
            }
            for (Path panel : g.runs().get(0).camPanels()) {
                byFile.computeIfAbsent(panel.getFileName().toString(), f -> new LinkedHashMap<>())
                        .put(g.method(), panel);
            }
        }
        if (byFile.isEmpty() || groups.size() < 2) {
            return;
        }
        out.append("<h2>Grad-CAM side by side</h2>\n<p class=\"note\">The same image and class"
                + " for each method's first run (image | heat map of the class's logits over its"
                + " ground-truth mask, at the feature map in front of the classifier).</p>\n");
        for (Map.Entry<String, Map<String, Path>> e : byFile.entrySet()) {
            out.append("<h3>").append(esc(e.getKey())).append("</h3>\n");
            for (Map.Entry<String, Path> m : e.getValue().entrySet()) {
                out.append("<figure>").append(Html.img(Files.readAllBytes(m.getValue()),
                        m.getKey() + " " + e.getKey())).append("<figcaption>")
                        .append(esc(m.getKey())).append("</figcaption></figure>\n");
            }
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
