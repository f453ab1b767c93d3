package io.dropclass.nn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weights of PyTorch's bilinear interpolation along one axis, as row-major (out × in)
 * matrices, cached by size: row o holds 1 − λ at i0 and λ at i1 (docs: {@link BilinearResize}).
 * The float and the double matrix are computed in their own precision, as PyTorch does.
 */
final class InterpolationWeights {

    private static final Map<Key, float[]> FLOATS = new ConcurrentHashMap<>();
    private static final Map<Key, double[]> DOUBLES = new ConcurrentHashMap<>();

    private InterpolationWeights() {}

    /**
     * The (out × in) matrix in float arithmetic, as PyTorch's kernel computes it for float32.
     *
     * @param in input size
     * @param out output size
     * @param alignCorners PyTorch's {@code align_corners}
     * @return the cached array (callers must not change it)
     */
    static float[] floats(int in, int out, boolean alignCorners) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + in + " -> " + out);
        }
        return FLOATS.computeIfAbsent(new Key(in, out, alignCorners),
                k -> build(in, out, alignCorners));
    }

    private static float[] build(int in, int out, boolean alignCorners) {
        float[] m = new float[Math.multiplyExact(out, in)];
        // Float arithmetic on purpose: PyTorch's CPU kernel computes scale and source index in
        // float for float tensors (area_pixel_compute_scale / _source_index).
        float scale;
        if (alignCorners) {
            scale = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
        } else {
            scale = (float) in / out;
        }
        for (int o = 0; o < out; o++) {
            float src = alignCorners ? scale * o : Math.max(scale * (o + 0.5f) - 0.5f, 0f);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = i0 < in - 1 ? i0 + 1 : i0;
            float lambda1 = Math.min(Math.max(src - i0, 0f), 1f);
            float lambda0 = 1f - lambda1;
            m[o * in + i0] += lambda0;
            m[o * in + i1] += lambda1;
        }
        return m;
    }

    /**
     * {@link #floats} in double precision, as PyTorch's kernel computes it for float64.
     *
     * @param in input size
     * @param out output size
     * @param alignCorners PyTorch's {@code align_corners}
     * @return the cached array (callers must not change it)
     */
    static double[] doubles(int in, int out, boolean alignCorners) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + in + " -> " + out);
        }
        return DOUBLES.computeIfAbsent(new Key(in, out, alignCorners),
                k -> buildDouble(in, out, alignCorners));
    }

    private static double[] buildDouble(int in, int out, boolean alignCorners) {
        double[] m = new double[Math.multiplyExact(out, in)];
        double scale;
        if (alignCorners) {
            scale = out > 1 ? (double) (in - 1) / (out - 1) : 0;
        } else {
            scale = (double) in / out;
        }
        for (int o = 0; o < out; o++) {
            double src = alignCorners ? scale * o : Math.max(scale * (o + 0.5) - 0.5, 0);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = i0 < in - 1 ? i0 + 1 : i0;
            double lambda1 = Math.min(Math.max(src - i0, 0), 1);
            double lambda0 = 1 - lambda1;
            m[o * in + i0] += lambda0;
            m[o * in + i1] += lambda1;
        }
        return m;
    }

    private record Key(int in, int out, boolean alignCorners) {}
}
