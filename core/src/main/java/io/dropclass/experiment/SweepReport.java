package io.dropclass.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Folder names, the console table and the JSON of a {@link Sweep}. */
final class SweepReport {

    private SweepReport() {}

    /**
     * A setting's folder name: {@code label-value} of every axis with more than one value (of
     * every axis when none varies), joined by {@code _}. The label is the key's last part unless
     * two axes share it; characters other than letters, digits, {@code .} and {@code -} become
     * {@code -}.
     */
    static String name(List<Sweep.Axis> axes, List<String> overrides) {
        boolean anyVaries = axes.stream().anyMatch(a -> a.values().size() > 1);
        Set<String> lastParts = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (Sweep.Axis a : axes) {
            if (!lastParts.add(last(a.key()))) {
                shared.add(last(a.key()));
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            Sweep.Axis axis = axes.get(i);
            if (anyVaries && axis.values().size() == 1) {
                continue;
            }
            String label = shared.contains(last(axis.key())) ? axis.key() : last(axis.key());
            String value = overrides.get(i).substring(axis.key().length() + 1);
            parts.add(clean(label) + "-" + clean(value));
        }
        return String.join("_", parts);
    }

    private static String last(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static String clean(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    /** The ranked table, then the best setting. */
    static String table(List<Sweep.Axis> axes, List<Sweep.Row> rows, List<Long> seeds, Path root) {
        int width = Math.max(7, rows.stream().mapToInt(r -> r.setting().name().length())
                .max().orElse(7));
        List<Integer> varied = varied(axes);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "sweep over %s, %d setting(s) × seeds %s: validation mIoU %% of the final"
                        + " evaluation, mean ± std over seeds, best first%n",
                varied.stream().map(i -> axes.get(i).key()).collect(Collectors.joining(" × ")),
                rows.size(), seeds));
        out.append(String.format(Locale.ROOT, " %4s  %-" + width + "s  %15s  %15s  %s%n",
                "rank", "setting", "mIoU", "rare mIoU", "mIoU per seed"));
        for (int i = 0; i < rows.size(); i++) {
            Sweep.Row r = rows.get(i);
            out.append(String.format(Locale.ROOT, " %4d  %-" + width + "s  %15s  %15s  %s%n",
                    i + 1, r.setting().name(), meanStd(r.summary().mean(), r.summary().std()),
                    meanStd(r.rareSummary().mean(), r.rareSummary().std()),
                    r.miou().stream().map(SweepReport::percent)
                            .collect(Collectors.joining(", "))));
        }
        Sweep.Row best = rows.get(0);
        out.append(String.format(Locale.ROOT, "best: %s (validation mIoU %s %% over seeds %s):"
                        + " %s%n", varied.stream().map(i -> best.setting().overrides().get(i))
                        .collect(Collectors.joining(" ")),
                meanStd(best.summary().mean(), best.summary().std()), best.seeds(),
                root.resolve(best.setting().name()).resolve("seed-*")));
        return out.toString();
    }

    /** The indices of the axes with more than one value (of every axis when none varies). */
    private static List<Integer> varied(List<Sweep.Axis> axes) {
        List<Integer> varied = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).values().size() > 1) {
                varied.add(i);
            }
        }
        if (varied.isEmpty()) {
            for (int i = 0; i < axes.size(); i++) {
                varied.add(i);
            }
        }
        return varied;
    }

    private static String meanStd(double mean, double std) {
        return Double.isNaN(mean) ? "n/a"
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    /** The JSON document: the axes, the seeds, every setting ranked, and the best. */
    static Map<String, Object> json(Sweep.Result result, List<Long> seeds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> axes = new LinkedHashMap<>();
        result.axes().forEach(a -> axes.put(a.key(), a.values()));
        doc.put("axes", axes);
        doc.put("seeds", seeds);
        doc.put("ranked_by", "mean over seeds of the final validation mIoU (absent classes"
                + " skipped)");
        List<Map<String, Object>> settings = new ArrayList<>();
        for (Sweep.Row r : result.rows()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.setting().name());
            s.put("overrides", r.setting().overrides());
            s.put("miou", r.summary());
            s.put("rare_miou", r.rareSummary());
            s.put("miou_per_seed", r.miou());
            s.put("rare_miou_per_seed", r.rareMiou());
            settings.add(s);
        }
        doc.put("settings", settings);
        doc.put("best", result.best().setting().name());
        return doc;
    }
}
