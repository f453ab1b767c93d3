package io.dropclass.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The finished runs of one method, across seeds, with means and sample standard deviations.
 *
 * @param method the method name
 * @param runs its runs (one per seed, usually)
 */
record MethodGroup(String method, List<RunData> runs) {

    MethodGroup {
        runs = List.copyOf(runs);
    }

    /** Mean over the runs of the finite values, NaN when there is none. */
    double mean(ToDoubleFunction<RunData> value) {
        return mean(values(value));
    }

    /** Sample standard deviation (n - 1) over the finite values, NaN for fewer than two. */
    double std(ToDoubleFunction<RunData> value) {
        return std(values(value));
    }

    double classMean(String className) {
        return mean(r -> r.classIou().getOrDefault(className, Double.NaN));
    }

    double classStd(String className) {
        return std(r -> r.classIou().getOrDefault(className, Double.NaN));
    }

    /** The class names of all runs, in first-seen order. */
    Set<String> classNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.classIou().keySet()));
        return names;
    }

    private double[] values(ToDoubleFunction<RunData> value) {
        List<Double> out = new ArrayList<>();
        for (RunData r : runs) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += (x - m) * (x - m);
        }
        return Math.sqrt(sum / (v.length - 1));
    }
}
