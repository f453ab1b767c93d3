package io.dropclass.experiment;

import io.dropclass.analysis.SeedComparison;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.ResultFiles;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A grid over configuration keys, times seeds: every combination of the axes' values is a setting,
 * trained once per seed in {@code ROOT/<setting>/seed-<s>} by a {@link RunExecutor} (finished runs
 * reused), and the settings are ranked by their mean validation mIoU over the seeds.
 */
public final class Sweep {

    /**
     * One axis of the grid.
     *
     * @param key a dotted configuration key, e.g. {@code optimizer.lr}
     * @param values its values, in the order given
     */
    public record Axis(String key, List<String> values) {

        /** Copies the values. */
        public Axis {
            values = List.copyOf(values);
        }
    }

    /**
     * One point of the grid.
     *
     * @param name its folder name under the sweep's root, from the values of the varied axes
     * @param overrides one {@code key=value} per axis
     */
    public record Setting(String name, List<String> overrides) {

        /** Copies the overrides. */
        public Setting {
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * A setting's figures over the seeds.
     *
     * @param setting the setting
     * @param seeds the seeds
     * @param miou the final validation mIoU of each seed's run (absent classes skipped)
     * @param rareMiou the rare-class mIoU of each seed's run
     * @param summary mean and std of {@code miou}
     * @param rareSummary mean and std of {@code rareMiou}
     */
    public record Row(Setting setting, List<Long> seeds, List<Double> miou, List<Double> rareMiou,
            SeedComparison.Summary summary, SeedComparison.Summary rareSummary) {}

    /**
     * The result.
     *
     * @param root the sweep folder
     * @param axes the axes
     * @param rows every setting, the best (highest mean validation mIoU) first
     * @param table the console table
     */
    public record Result(Path root, List<Axis> axes, List<Row> rows, String table) {

        /** The best setting's row. */
        public Row best() {
            return rows.get(0);
        }
    }

    private Sweep() {}

    /**
     * Parses axes from {@code key=v1,v2,...} arguments; a key given twice adds its values.
     *
     * @param arguments the arguments
     * @return the axes, in the order their keys first appear
     * @throws IllegalArgumentException naming the argument if one is malformed
     */
    public static List<Axis> axes(List<String> arguments) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new IllegalArgumentException("sweep: '" + a + "' is not an axis; write"
                        + " key=v1,v2,... (e.g. optimizer.lr=0.01,0.05)");
            }
            List<String> list = values.computeIfAbsent(a.substring(0, eq), k -> new ArrayList<>());
            for (String v : a.substring(eq + 1).split(",", -1)) {
                if (v.isBlank() || list.contains(v.trim())) {
                    throw new IllegalArgumentException("sweep: " + a + ": an empty or repeated"
                            + " value; give each value once, separated by commas");
                }
                list.add(v.trim());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("sweep: no axes; give key=v1,v2,... arguments"
                    + " (e.g. method.name=baseline,dropclass optimizer.lr=0.01,0.05)");
        }
        return values.entrySet().stream().map(e -> new Axis(e.getKey(), e.getValue())).toList();
    }

    /**
     * Every combination of the axes' values, the first axis varying slowest.
     *
     * @param axes the axes
     * @return the settings
     */
    public static List<Setting> settings(List<Axis> axes) {
        List<List<String>> combos = new ArrayList<>(List.of(List.of()));
        for (Axis axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> combo : combos) {
                for (String v : axis.values()) {
                    List<String> longer = new ArrayList<>(combo);
                    longer.add(axis.key() + "=" + v);
                    next.add(longer);
                }
            }
            combos = next;
        }
        List<Setting> settings = combos.stream()
                .map(c -> new Setting(SweepReport.name(axes, c), c)).toList();
        Set<String> names = new HashSet<>();
        for (Setting s : settings) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("sweep: two settings would share the folder "
                        + s.name() + " (values differing only in characters other than letters,"
                        + " digits, '.' and '-'); write the values differently");
            }
        }
        return settings;
    }

    /**
     * Trains (or reuses) every setting × seed with an executor, then ranks the settings.
     *
     * @param base the shared configuration
     * @param axes the grid
     * @param seeds the seeds
     * @param root the sweep folder
     * @param executor trains the runs
     * @param console progress
     * @return the result (also written to {@code ROOT/sweep.json})
     * @throws IOException if a run fails or cannot be written
     */
    public static Result run(ExperimentConfig base, List<Axis> axes, List<Long> seeds, Path root,
            RunExecutor executor, PrintStream console) throws IOException {
        List<Setting> settings = settings(axes);
        List<Grids.Planned> planned = new ArrayList<>();
        for (Setting setting : settings) { // every configuration is checked before any training
            for (long seed : seeds) {
                List<String> overrides = new ArrayList<>(setting.overrides());
                overrides.add("runtime.seed=" + seed);
                planned.add(new Grids.Planned(setting.name(), seed,
                        ConfigFiles.resolve(base, null, overrides)));
            }
        }
        List<RunResult> results =
                Grids.execute(executor, Grids.tasks(root, planned, console), console);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            rows.add(row(settings.get(s), seeds,
                    results.subList(s * seeds.size(), (s + 1) * seeds.size())));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.summary().mean())
                ? Double.NEGATIVE_INFINITY : r.summary().mean()).reversed());
        Result result = new Result(root, axes, List.copyOf(rows),
                SweepReport.table(axes, rows, seeds, root));
        ResultFiles.writeJson(root.resolve("sweep.json"), SweepReport.json(result, seeds));
        return result;
    }

    private static Row row(Setting setting, List<Long> seeds, List<RunResult> runs)
            throws IOException {
        List<Double> miou = new ArrayList<>();
        List<Double> rare = new ArrayList<>();
        for (RunResult run : runs) {
            SegmentationEvaluation e = Grids.evaluation(run);
            miou.add(e.meanIou());
            rare.add(e.meanIou(Grids.rareClasses(run), AbsentClassPolicy.PRESENT));
        }
        return new Row(setting, List.copyOf(seeds), List.copyOf(miou), List.copyOf(rare),
                SeedComparison.summary(miou.stream().mapToDouble(Double::doubleValue).toArray()),
                SeedComparison.summary(rare.stream().mapToDouble(Double::doubleValue).toArray()));
    }
}
