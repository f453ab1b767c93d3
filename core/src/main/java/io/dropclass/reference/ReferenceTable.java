package io.dropclass.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReferenceResult} as text: a one-line summary, a per-group overview ({@code
 * loss}, {@code logits}, {@code grad}, {@code after_train_forward}, ...), then one row per entry
 * with the failures first and the rest from the closest to its tolerance down, so that failures are
 * visible at the top of a long table.
 */
public final class ReferenceTable {

    private ReferenceTable() {}

    /**
     * One line: case, model, verdict, entry counts and the worst entry.
     *
     * @param result the result
     * @return the line, without a line break
     */
    public static String summary(ReferenceResult result) {
        StringBuilder line =
                new StringBuilder()
                        .append(result.caseName())
                        .append(" (")
                        .append(result.model())
                        .append(", ")
                        .append(result.mode())
                        .append("): ")
                        .append(result.verdict());
        List<EntryComparison> entries = result.entries();
        if (!entries.isEmpty()) {
            long passed = entries.stream().filter(EntryComparison::passed).count();
            line.append(", ").append(passed).append(" of ").append(entries.size());
            line.append(" entries within tolerance");
            result.worst().ifPresent(w -> line.append("; worst ").append(describe(w)));
        }
        if (!result.message().isEmpty()) {
            line.append(": ").append(result.message());
        }
        return line.toString();
    }

    /**
     * One case in every mode it ran: a header, then one row per mode with its verdict, failures
     * and worst entry.
     *
     * @param results the results of one case, one per mode
     * @return the lines, ending with a line break
     */
    public static String modes(List<ReferenceResult> results) {
        ReferenceResult first = results.get(0);
        StringBuilder out = new StringBuilder()
                .append(first.caseName()).append(" (").append(first.model()).append(")\n");
        out.append(String.format(Locale.ROOT, "  %-23s %-11s %11s %12s  %s%n", "mode",
                "verdict", "failed", "worst ratio", "worst entry"));
        for (ReferenceResult r : results) {
            long failed = r.entries().stream().filter(e -> !e.passed()).count();
            String worst = r.worst().map(EntryComparison::name).orElse(r.message());
            out.append(String.format(Locale.ROOT, "  %-23s %-11s %11s %12s  %s%n", r.mode(),
                    r.verdict(), r.entries().isEmpty() ? "-" : failed + "/" + r.entries().size(),
                    r.worst().map(ReferenceTable::ratio).orElse("-"), worst));
        }
        return out.toString();
    }

    /**
     * The summary, the group overview and the failed entries only (all of them).
     *
     * @param result the result
     * @return the table, ending with a line break
     */
    public static String failures(ReferenceResult result) {
        return format(result, true);
    }

    /**
     * The summary, the group overview and every entry (failures first).
     *
     * @param result the result
     * @return the table, lines separated by {@code \n}, ending with a line break
     */
    public static String format(ReferenceResult result) {
        return format(result, false);
    }

    private static String format(ReferenceResult result, boolean failuresOnly) {
        StringBuilder out = new StringBuilder(summary(result)).append('\n');
        if (result.entries().isEmpty()) {
            return out.toString();
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "%n  %-22s %8s %7s %12s%n",
                        "group",
                        "entries",
                        "failed",
                        "worst ratio"));
        groups(result.entries())
                .forEach(
                        (group, list) -> {
                            long failed = list.stream().filter(e -> !e.passed()).count();
                            EntryComparison worst =
                                    list.stream().max(ReferenceResult.WORST_LAST).orElseThrow();
                            out.append(
                                    String.format(
                                            Locale.ROOT,
                                            "  %-22s %8d %7d %12s%n",
                                            group,
                                            list.size(),
                                            failed,
                                            ratio(worst)));
                        });
        out.append(
                String.format(
                        Locale.ROOT,
                        "%n  %-6s %-56s %12s %12s %9s%n",
                        "status",
                        "entry",
                        "max |diff|",
                        "tolerance",
                        "ratio"));
        List<EntryComparison> sorted = new ArrayList<>(result.entries());
        sorted.sort(ReferenceResult.WORST_LAST.reversed());
        for (EntryComparison e : sorted) {
            if (failuresOnly && e.passed()) {
                break; // sorted: failures first
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-6s %-56s %12.3e %12.3e %9s%s%n",
                            e.passed() ? "ok" : "FAIL",
                            e.name(),
                            e.maxAbsDiff(),
                            e.tolerance(),
                            ratio(e),
                            e.note().isEmpty() ? "" : "  " + e.note()));
        }
        return out.toString();
    }

    /** Entries by group: the part of the name before the first dot for grad., case., ... */
    private static Map<String, List<EntryComparison>> groups(List<EntryComparison> entries) {
        Map<String, List<EntryComparison>> groups = new LinkedHashMap<>();
        for (EntryComparison e : entries) {
            int dot = e.name().indexOf('.');
            String group = dot < 0 ? e.name() : e.name().substring(0, dot);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(e);
        }
        return groups;
    }

    private static String describe(EntryComparison e) {
        if (!e.note().isEmpty()) {
            return e.name() + " (" + e.note() + ")";
        }
        return String.format(
                Locale.ROOT,
                "%s at %s of its tolerance (max |diff| %.3e, tolerance %.3e)",
                e.name(),
                ratio(e),
                e.maxAbsDiff(),
                e.tolerance());
    }

    private static String ratio(EntryComparison e) {
        double r = e.ratio();
        if (Double.isNaN(r)) {
            return "-";
        }
        return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.3f", r);
    }
}
