package io.dropclass.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a step's time goes, per engine operator: the PyTorch profiler's trace of one step (a
 * Chrome trace, a list of complete events {@code {"name", "ts", "dur", "tid"}} in microseconds),
 * summed by operator name. An operator's self time excludes the operators it called (nested
 * events of the same thread), so the self times add up to the step's engine time, as in {@code
 * torch.profiler}'s {@code self_cpu_time_total}.
 *
 * @param rows one row per operator, largest self time first
 * @param totalSelfMs the sum of all self times
 */
public record OperatorProfile(List<Row> rows, double totalSelfMs) {

    /**
     * One operator.
     *
     * @param name e.g. {@code aten::mkldnn_convolution}
     * @param calls how many times it ran
     * @param selfMs time in it, not in the operators it called
     * @param totalMs time in it and the operators it called
     */
    public record Row(String name, long calls, double selfMs, double totalMs) {}

    /** Copies the list. */
    public OperatorProfile {
        rows = List.copyOf(rows);
    }

    /**
     * Reads a trace file.
     *
     * @param trace the profiler's Chrome trace
     * @return the profile
     * @throws IOException if the file cannot be read or is not a trace
     */
    public static OperatorProfile read(Path trace) throws IOException {
        JsonNode root = new ObjectMapper().readTree(trace.toFile());
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        if (!events.isArray()) {
            throw new IOException(trace + ": not a profiler trace (no event list)");
        }
        List<Event> list = new ArrayList<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText()) && e.has("dur") && e.has("ts")) {
                list.add(new Event(e.path("name").asText(), e.path("tid").asText(),
                        e.path("ts").asDouble(), e.path("dur").asDouble()));
            }
        }
        return of(list);
    }

    /**
     * Aggregates complete events.
     *
     * @param events the events, any order
     * @return the profile
     */
    static OperatorProfile of(List<Event> events) {
        Map<String, double[]> sums = new HashMap<>(); // name -> {calls, self, total}
        Map<String, List<Event>> byThread = new HashMap<>();
        for (Event e : events) {
            byThread.computeIfAbsent(e.thread(), t -> new ArrayList<>()).add(e);
        }
        for (List<Event> thread : byThread.values()) {
            // parents before children: earlier start, and the longer first at the same start
            thread.sort(Comparator.comparingDouble(Event::start)
                    .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
            Deque<double[]> open = new ArrayDeque<>(); // {end, childTime, index}
            double[] self = new double[thread.size()];
            for (int i = 0; i < thread.size(); i++) {
                Event e = thread.get(i);
                while (!open.isEmpty() && open.peek()[0] <= e.start()) {
                    open.pop();
                }
                if (!open.isEmpty()) {
                    int parent = (int) open.peek()[1];
                    self[parent] -= e.duration();
                }
                self[i] += e.duration();
                open.push(new double[] {e.start() + e.duration(), i});
            }
            for (int i = 0; i < thread.size(); i++) {
                double[] s = sums.computeIfAbsent(thread.get(i).name(), n -> new double[3]);
                s[0] += 1;
                s[1] += self[i];
                s[2] += thread.get(i).duration();
            }
        }
        List<Row> rows = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            rows.add(new Row(e.getKey(), (long) s[0], s[1] / 1000, s[2] / 1000));
            total += s[1] / 1000;
        }
        rows.sort(Comparator.comparingDouble(Row::selfMs).reversed());
        return new OperatorProfile(rows, total);
    }

    /**
     * The same profile with only its first rows (the total keeps every operator).
     *
     * @param n how many rows to keep
     * @return the shorter profile
     */
    public OperatorProfile limit(int n) {
        return new OperatorProfile(top(n), totalSelfMs);
    }

    /**
     * The operators with the largest self time.
     *
     * @param n how many
     * @return at most n rows
     */
    public List<Row> top(int n) {
        return rows.subList(0, Math.min(n, rows.size()));
    }

    /**
     * A complete event of the trace.
     *
     * @param name the operator
     * @param thread its thread
     * @param start start, microseconds
     * @param duration duration, microseconds
     */
    record Event(String name, String thread, double start, double duration) {}
}
