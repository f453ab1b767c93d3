package io.dropclass.benchmark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The practical ceiling of the engine on this machine: a dense N×N float32 matrix product on the
 * engine's threads, repeated, the median timed; GFLOP/s = 2N³ / t.
 */
public final class MatmulCeiling {

    private MatmulCeiling() {}

    /**
     * Measures the product.
     *
     * @param manager parent of the matrices (closed before returning)
     * @param n the matrix size N
     * @param warmup untimed products first
     * @param runs timed products
     * @return the median time and its GFLOP/s
     */
    public static MatmulResult measure(NDManager manager, int n, int warmup, int runs) {
        if (n <= 0 || warmup < 0 || runs <= 0) {
            throw new IllegalArgumentException(
                    "need n > 0, warmup >= 0, runs > 0; got " + n + ", " + warmup + ", " + runs);
        }
        double[] ms = new double[runs];
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomUniform(-1f, 1f, new Shape(n, n)); // (N, N)
            NDArray b = scope.randomUniform(-1f, 1f, new Shape(n, n)); // (N, N)
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) { // (N, N), computed eagerly on the CPU
                    long t = System.nanoTime() - t0;
                    if (i >= warmup) {
                        ms[i - warmup] = t / 1e6;
                    }
                }
            }
        }
        double median = Statistics.median(ms);
        return new MatmulResult(n, median, 2.0 * n * n * n / (median / 1000) / 1e9);
    }

    /**
     * The measured product.
     *
     * @param n N
     * @param msMedian median ms of one product
     * @param gflopsPerSecond 2N³ / median time, in GFLOP/s
     */
    public record MatmulResult(int n, double msMedian, double gflopsPerSecond) {}
}
