package io.dropclass.training;

import io.dropclass.results.IterationRecord;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * A progress line with loss, learning rate, images/s and ETA. On a terminal it redraws one line
 * every step; otherwise (logs, CI) it prints a line per logging step only.
 */
public final class TrainingProgress {

    private static final int BAR = 20;

    /**
     * History columns that are not loss terms: the step's DropClass draw (in history.csv, not
     * worth a glance per line) and λ, shown on its own.
     */
    private static final Set<String> NOT_TERMS = Set.of("loss", "dropped", "dropped_class",
            "lambda");

    private final PrintStream out;
    private final boolean interactive;
    private final int iterations;
    private boolean lineOpen;

    /**
     * Creates the progress display.
     *
     * @param out where to print
     * @param interactive whether {@code out} is a terminal (redraw in place)
     * @param iterations the total number of steps
     */
    public TrainingProgress(PrintStream out, boolean interactive, int iterations) {
        this.out = out;
        this.interactive = interactive;
        this.iterations = iterations;
    }

    /**
     * Shows a step.
     *
     * @param record the step
     * @param logged whether it is a logging step
     */
    public void show(IterationRecord record, boolean logged) {
        if (!interactive && !logged) {
            return;
        }
        String line = format(record);
        if (interactive) {
            out.print("\r" + line);
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Prints a message on its own line (ending a redrawn progress line first).
     *
     * @param message the message
     */
    public void message(String message) {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.println(message);
        out.flush();
    }

    String format(IterationRecord r) {
        int filled = (int) Math.round(BAR * (double) r.iteration() / iterations);
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        double perStep = r.elapsedSeconds() / Math.max(1, r.iteration());
        long eta = Math.round(perStep * (iterations - r.iteration()));
        Double lambda = r.losses().get("lambda");
        return String.format(Locale.ROOT, "[%s] %d/%d  loss %.4f%s%s  lr %.5f  %.1f img/s  ETA %s",
                bar, r.iteration(), iterations, r.losses().getOrDefault("loss", Double.NaN),
                parts(r), lambda == null ? "" : String.format(Locale.ROOT, "  lambda %.3f", lambda),
                r.lr(), r.imagesPerSecond(), duration(eta));
    }

    /** The loss terms other than the total, sorted by name: " (ce 0.41 drop 0.20 ...)". */
    private static String parts(IterationRecord r) {
        StringBuilder parts = new StringBuilder();
        new TreeMap<>(r.losses()).forEach((name, v) -> {
            if (!NOT_TERMS.contains(name)) {
                parts.append(parts.length() == 0 ? " (" : " ").append(name).append(' ')
                        .append(v == Math.rint(v) && Math.abs(v) < 1e6
                                ? Long.toString(v.longValue())
                                : String.format(Locale.ROOT, "%.3f", v));
            }
        });
        return parts.length() == 0 ? "" : parts.append(')').toString();
    }

    /**
     * Formats seconds as {@code 1h02m03s}, {@code 4m05s} or {@code 6s}.
     *
     * @param seconds a duration
     * @return the text
     */
    public static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60,
                    seconds % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }
}
