package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bilinear resizing of (N, C, h, w) to (N, C, H, W) with exactly the semantics of PyTorch's {@code
 * F.interpolate(x, size=(H, W), mode='bilinear', align_corners=...)}, computed as two matrix
 * products {@code Ah · x · Awᵀ}.
 *
 * <p>Row o of an interpolation matrix (out × in) holds the two weights of output position o, as
 * PyTorch derives them in the tensor's own precision (float for float32, double for float64): with
 * {@code align_corners = false} the source coordinate is max(0, (o + ½)·in/out − ½), with {@code
 * true} it is o·(in − 1)/(out − 1); i0 = ⌊src⌋, i1 = i0 + 1 clamped to in − 1, weights 1 − λ and
 * λ = src − i0. The matrices have the input's element type. The products are differentiable with respect
 * to x, and faster on CPU than DJL's own interpolation, which the PyTorch engine runs with
 * antialiasing (identical values when upsampling, different when downsampling).
 *
 * <p>Both products report their multiply-accumulates to an active {@link FlopCounter}.
 *
 * <p>The matrices are built in Java and cached per (in, out, alignCorners); each call copies the
 * two small matrices to the engine and closes them again (autograd keeps its own reference).
 */
public final class BilinearResize {

    private static final Map<Key, float[]> MATRICES = new ConcurrentHashMap<>();
    private static final Map<Key, double[]> DOUBLE_MATRICES = new ConcurrentHashMap<>();

    private BilinearResize() {}

    /**
     * Resizes the last two axes of {@code x}. The output is attached to the input's manager.
     *
     * @param x the input, (N, C, h, w) (any rank ≥ 2; the last two axes are resized)
     * @param height H
     * @param width W
     * @param alignCorners PyTorch's {@code align_corners}
     * @return (N, C, H, W); a copy of x when the size does not change
     */
    public static NDArray resize(NDArray x, int height, int width, boolean alignCorners) {
        Shape shape = x.getShape();
        int rank = shape.dimension();
        if (rank < 2) {
            throw new IllegalArgumentException("resize needs at least 2 axes, got " + shape);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "output size must be positive, got " + height + "x" + width);
        }
        int h = Math.toIntExact(shape.get(rank - 2));
        int w = Math.toIntExact(shape.get(rank - 1));
        if (h == height && w == width) {
            return x.duplicate();
        }
        NDManager manager = x.getManager();
        NDArray y = x;
        if (w != width) {
            // awT: (w, W); (N, C, h, w) x (w, W) -> (N, C, h, W)
            try (NDArray awT = matrixArray(manager, x.getDataType(), w, width, alignCorners, true)) {
                y = y.matMul(awT);
            }
            FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT,
                    FlopCounter.matrixProductMacs(leading(shape), h, w, width));
        }
        if (h != height) {
            // ah: (H, h), broadcast over (N, C); (H, h) x (N, C, h, W) -> (N, C, H, W)
            try (NDArray ah = matrixArray(manager, x.getDataType(), h, height, alignCorners, false)) {
                NDArray z = ah.matMul(y);
                FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT,
                        FlopCounter.matrixProductMacs(leading(shape), height, h, width));
                if (y != x) {
                    y.close();
                }
                y = z;
            }
        }
        return y;
    }

    /** The product of the axes before the last two (1 for a matrix). */
    private static long leading(Shape shape) {
        long n = 1;
        for (int i = 0; i < shape.dimension() - 2; i++) {
            n = Math.multiplyExact(n, shape.get(i));
        }
        return n;
    }

    /**
     * The interpolation matrix of one axis.
     *
     * @param in input size
     * @param out output size
     * @param alignCorners PyTorch's {@code align_corners}
     * @return a new (out × in) row-major array
     */
    public static float[] interpolationMatrix(int in, int out, boolean alignCorners) {
        return matrix(in, out, alignCorners, false).clone();
    }

    /**
     * The matrix as an array that owns its memory: an array made from a Java buffer only borrows
     * it, and autograd may read the matrix after this method has closed its handle.
     */
    private static NDArray matrixArray(NDManager manager, DataType type, int in, int out,
            boolean alignCorners, boolean transpose) {
        Shape shape = transpose ? new Shape(in, out) : new Shape(out, in);
        if (type == DataType.FLOAT64) {
            double[] m = DOUBLE_MATRICES.computeIfAbsent(new Key(in, out, alignCorners, transpose),
                    k -> {
                        double[] built = buildDouble(in, out, alignCorners);
                        return transpose ? transposed(built, out, in) : built;
                    });
            try (NDArray borrowed = manager.create(m, shape)) {
                return borrowed.duplicate();
            }
        }
        try (NDArray borrowed = manager.create(matrix(in, out, alignCorners, transpose), shape)) {
            return borrowed.duplicate();
        }
    }

    /** The cached (out × in) matrix, or its (in × out) transpose. */
    private static float[] matrix(int in, int out, boolean alignCorners, boolean transpose) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + in + " -> " + out);
        }
        return MATRICES.computeIfAbsent(
                new Key(in, out, alignCorners, transpose),
                k -> {
                    float[] m = build(in, out, alignCorners);
                    return transpose ? transposed(m, out, in) : m;
                });
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

    /** {@link #build} in double precision, as PyTorch's kernel computes it for float64. */
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

    /** (rows × cols) row-major to (cols × rows) row-major. */
    private static double[] transposed(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** (rows × cols) row-major to (cols × rows) row-major. */
    private static float[] transposed(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    private record Key(int in, int out, boolean alignCorners, boolean transposed) {}
}
