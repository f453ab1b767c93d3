package io.dropclass.benchmark;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The resident memory over training steps: (measured step, VmRSS MiB), step 0 being the end of the
 * warm-up. Flat memory has a slope near 0 over the second half.
 *
 * @param points the samples in step order
 */
public record RssCurve(List<Point> points) {

    /**
     * One sample.
     *
     * @param step measured steps done
     * @param mb VmRSS in MiB
     */
    public record Point(int step, double mb) {}

    /** Copies the list. */
    public RssCurve {
        points = List.copyOf(points);
    }

    /**
     * The largest sample.
     *
     * @return the maximum MiB, absent without samples
     */
    public OptionalDouble max() {
        return points.stream().mapToDouble(Point::mb).max();
    }

    /**
     * The least-squares slope of the samples of the second half (step ≥ last step / 2), in MiB per
     * 100 steps.
     *
     * @return the slope, absent with fewer than two samples there
     */
    public OptionalDouble slopePer100StepsSecondHalf() {
        if (points.isEmpty()) {
            return OptionalDouble.empty();
        }
        int last = points.get(points.size() - 1).step();
        List<Point> half = points.stream().filter(p -> 2L * p.step() >= last).toList();
        if (half.size() < 2) {
            return OptionalDouble.empty();
        }
        double mx = half.stream().mapToDouble(Point::step).average().orElseThrow();
        double my = half.stream().mapToDouble(Point::mb).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (Point p : half) {
            sxy += (p.step() - mx) * (p.mb() - my);
            sxx += (p.step() - mx) * (p.step() - mx);
        }
        return sxx == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * sxy / sxx);
    }
}
