package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bilinear resizing of (N, C, h, w) to (N, C, H, W) with exactly the semantics of PyTorch's {@code
 * F.interpolate(x, size=(H, W), mode='bilinear', align_corners=...)}, one axis after the other,
 * each as a product with an interpolation matrix.
 *
 * <p>Row o of an interpolation matrix (out × in) holds the two weights of output position o, as
 * PyTorch derives them in the tensor's own precision (float for float32, double for float64): with
 * {@code align_corners = false} the source coordinate is max(0, (o + ½)·in/out − ½), with {@code
 * true} it is o·(in − 1)/(out − 1); i0 = ⌊src⌋, i1 = i0 + 1 clamped to in − 1, weights 1 − λ and
 * λ = src − i0. The matrices have the input's element type.
 *
 * <p>Two forms of the product along an axis of n inputs:
 *
 * <ul>
 *   <li><b>banded</b>, for an upsampling by an integer factor s without align_corners (the
 *       upsamplings of a training step: HRNet's fusions, the logits to the label size) of an axis
 *       longer than a tile's window: output
 *       positions [t·b·s, (t+1)·b·s) read only inputs t·b − 1 … (t+1)·b, so the axis is cut into
 *       tiles of b inputs with one neighbour on each side, and each tile is multiplied by its own
 *       (b·s × (b + 2)) block of the matrix: (b + 2) multiply-adds per output, O(output), instead
 *       of n. The blocks hold the matrix's own weights, so the result is the dense product's
 *       (the skipped terms are zeros);
 *   <li><b>dense</b>: the whole (out × in) matrix, for any other size change (downsampling,
 *       align_corners, non-integer factors).
 * </ul>
 *
 * <p>The layout decides how the axes are laid out for the products, so that no operand needs a
 * copy and the result keeps the input's layout: channels-last (N, h, w, C in memory) multiplies
 * (N·h, w, C) along w, then (N, h, W·C) along h; contiguous (N, C, h, w) multiplies (N·C·h, w)
 * from the right along w, then (N·C, h, W) along h. Channels-last logits on their way to a softmax
 * over the classes come out contiguous ({@link #resize(NDArray, int, int, boolean, boolean,
 * boolean)}). Giving the wrong layout still gives the right values, with copies. Everything is
 * differentiable with respect to x; the products report their multiply-accumulates to an active
 * {@link FlopCounter}.
 */
public final class BilinearResize {

    /** Inputs per tile of the banded product (the largest divisor of n up to this). */
    private static final int TILE = 8;

    /** The host values of each matrix or block array, by form and element type. */
    private static final Map<ArrayKey, Object> ARRAYS = new ConcurrentHashMap<>();

    private BilinearResize() {}

    /**
     * Resizes the last two axes of a contiguous (N, C, h, w) array. The output is attached to the
     * input's manager.
     *
     * @param x the input, (N, C, h, w) (any rank ≥ 2; the last two axes are resized)
     * @param height H
     * @param width W
     * @param alignCorners PyTorch's {@code align_corners}
     * @return (N, C, H, W); a copy of x when the size does not change
     */
    public static NDArray resize(NDArray x, int height, int width, boolean alignCorners) {
        return resize(x, height, width, alignCorners, false);
    }

    /**
     * Resizes the last two axes of x, laid out as given.
     *
     * @param x the input, (N, C, h, w); a channels-last layout needs rank 4
     * @param height H
     * @param width W
     * @param alignCorners PyTorch's {@code align_corners}
     * @param channelsLast whether x is stored channels-last (the result is too)
     * @return (N, C, H, W); a copy of x when the size does not change
     */
    public static NDArray resize(
            NDArray x, int height, int width, boolean alignCorners, boolean channelsLast) {
        return resize(x, height, width, alignCorners, channelsLast, channelsLast);
    }

    /**
     * Resizes the last two axes of x from one layout into another: channels-last logits resized
     * to the label size for a softmax over the classes (which wants them contiguous) take the
     * width product in their own layout, on the small input, and the height product in the plain
     * one, with a copy of the half-resized map in between instead of the full-size one.
     *
     * @param x the input, (N, C, h, w); a channels-last layout needs rank 4
     * @param height H
     * @param width W
     * @param alignCorners PyTorch's {@code align_corners}
     * @param channelsLastIn whether x is stored channels-last
     * @param channelsLastOut whether the result is to be (contiguous otherwise)
     * @return (N, C, H, W); a copy of x when the size does not change
     */
    public static NDArray resize(NDArray x, int height, int width, boolean alignCorners,
            boolean channelsLastIn, boolean channelsLastOut) {
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
        if (channelsLastIn && rank == 4) {
            return channelsLastOut
                    ? resizeChannelsLast(x, height, width, alignCorners)
                    : resizeToContiguous(x, height, width, alignCorners);
        }
        long lead = leading(shape);
        NDArray y = x;
        if (w != width) {
            // (…, w) × (w, W) -> (…, W)
            try (NDArray awT = matrixArray(x, w, width, alignCorners, true)) {
                y = x.matMul(awT);
            }
            FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT,
                    FlopCounter.matrixProductMacs(lead, h, w, width));
        }
        if (h != height) {
            long[] out = shape.getShape().clone();
            out[rank - 1] = width;
            out[rank - 2] = height;
            try (NDArray rows = y.reshape(lead, h, width)) { // (N·C, h, W)
                NDArray z = alongMiddle(rows, height, alignCorners); // (N·C, H, W)
                if (y != x) {
                    y.close();
                }
                y = z.reshape(new Shape(out));
                z.close();
            }
        }
        return y;
    }

    /** (N, C, h, w) stored as (N, h, w, C): both products run on contiguous views. */
    private static NDArray resizeChannelsLast(
            NDArray x, int height, int width, boolean alignCorners) {
        long[] d = x.getShape().getShape(); // (N, C, h, w)
        try (NDArray wide = widthOfChannelsLast(x, width, alignCorners); // (N·h, W, C)
                NDArray planes = wide.reshape(d[0], d[2], width * d[1]); // (N, h, W·C)
                NDArray tall = alongMiddle(planes, height, alignCorners); // (N, H, W·C)
                NDArray out = tall.reshape(d[0], height, width, d[1])) {
            return out.transpose(0, 3, 1, 2); // (N, C, H, W), channels-last strides
        }
    }

    /**
     * (N, C, h, w) stored as (N, h, w, C) to a contiguous (N, C, H, W): the width product on the
     * channels-last view, the height product on the plain (N·C, h, W).
     */
    private static NDArray resizeToContiguous(
            NDArray x, int height, int width, boolean alignCorners) {
        long[] d = x.getShape().getShape(); // (N, C, h, w)
        try (NDArray wide = widthOfChannelsLast(x, width, alignCorners); // (N·h, W, C)
                NDArray back = wide.reshape(d[0], d[2], width, d[1]).transpose(0, 3, 1, 2); // view
                NDArray planes = back.reshape(d[0] * d[1], d[2], width); // one copy, (N·C, h, W)
                NDArray tall = alongMiddle(planes, height, alignCorners)) { // (N·C, H, W)
            return tall.reshape(d[0], d[1], height, width);
        }
    }

    /**
     * The width product of (N, C, h, w) stored as (N, h, w, C), on its contiguous (N·h, w, C)
     * view: (N·h, W, C), a new array.
     */
    private static NDArray widthOfChannelsLast(NDArray x, int width, boolean alignCorners) {
        Shape shape = x.getShape();
        try (NDArray nhwc = x.transpose(0, 2, 3, 1); // (N, h, w, C), a contiguous view
                NDArray rows = nhwc.reshape(shape.get(0) * shape.get(2), shape.get(3),
                        shape.get(1))) { // (N·h, w, C)
            return alongMiddle(rows, width, alignCorners);
        }
    }

    /**
     * Resizes the middle axis of (B, n, R) to m: A (m × n) applied on the left, banded when the
     * change is an integer upsampling without align_corners.
     */
    private static NDArray alongMiddle(NDArray x, int m, boolean alignCorners) {
        Shape shape = x.getShape(); // (B, n, R)
        int n = Math.toIntExact(shape.get(1));
        if (n == m) {
            return x.duplicate();
        }
        long batch = shape.get(0);
        long rest = shape.get(2);
        int tile = tileSize(n);
        if (!alignCorners && m % n == 0 && tile + 2 < n) { // a window shorter than the axis
            return banded(x, m / n, tile);
        }
        try (NDArray a = matrixArray(x, n, m, alignCorners, false)) { // (m, n)
            FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT,
                    FlopCounter.matrixProductMacs(batch, m, n, rest));
            return a.matMul(x); // broadcast over B: (m, n) × (B, n, R) -> (B, m, R)
        }
    }

    /**
     * The banded product: tiles of b inputs and their two neighbours, (B, T, b + 2, R), each
     * multiplied by its block (b·s × (b + 2)) of the interpolation matrix.
     */
    private static NDArray banded(NDArray x, int s, int b) {
        Shape shape = x.getShape(); // (B, n, R)
        long batch = shape.get(0);
        int n = Math.toIntExact(shape.get(1));
        long rest = shape.get(2);
        int tiles = n / b;
        try (NDArray blocks = blockArray(x, n, s, b); // (T, b·s, b + 2)
                NDArray main = x.reshape(batch, tiles, b, rest);
                NDArray first = main.get(":, :, 0:1"); // (B, T, 1, R): each tile's first row
                NDArray last = main.get(":, :, -1:"); // and its last
                NDArray before = NDArrays.concat(new NDList(first.get(":, 0:1"),
                        last.get(":, :-1")), 1); // the row before each tile (edge: a copy)
                NDArray after = NDArrays.concat(new NDList(first.get(":, 1:"),
                        last.get(":, -1:")), 1); // the row after each tile
                NDArray window = NDArrays.concat(new NDList(before, main, after), 2);
                NDArray out = blocks.matMul(window)) { // (B, T, b·s, R)
            FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT,
                    FlopCounter.matrixProductMacs(batch * tiles, (long) b * s, b + 2, rest));
            return out.reshape(batch, (long) n * s, rest);
        }
    }

    /** The largest divisor of n that is at most {@link #TILE}. */
    static int tileSize(int n) {
        for (int b = Math.min(TILE, n); b > 1; b--) {
            if (n % b == 0) {
                return b;
            }
        }
        return 1;
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
        return InterpolationWeights.floats(in, out, alignCorners).clone();
    }

    /** An (out × in) matrix, or its transpose, in x's element type, owning its memory. */
    private static NDArray matrixArray(
            NDArray x, int in, int out, boolean alignCorners, boolean transpose) {
        Shape shape = transpose ? new Shape(in, out) : new Shape(out, in);
        return owned(x, shape, new ArrayKey(in, out, alignCorners, transpose ? -1 : 0),
                (r, c) -> transpose ? c * in + r : r * in + c);
    }

    /** The (T, b·s, b + 2) blocks of the (n·s × n) matrix: tile t, output r, window column k. */
    private static NDArray blockArray(NDArray x, int n, int s, int b) {
        int tiles = n / b;
        int width = b + 2;
        int outPerTile = b * s;
        return owned(x, new Shape(tiles, outPerTile, width), new ArrayKey(n, n * s, false, b),
                (row, k) -> {
                    int t = row / outPerTile;
                    int o = row; // the tiles' rows follow each other: output o = t·b·s + r
                    int i = t * b - 1 + k;
                    return i < 0 || i >= n ? -1 : o * n + i;
                });
    }

    /** Which element of the (out × in) matrix a position of an array takes (−1: zero). */
    @FunctionalInterface
    private interface Source {
        int index(int row, int column);
    }

    /**
     * An array of the given shape whose element (row, column) (its last axis the column) is the
     * matrix element {@code source} names, in x's element type; a copy that owns its memory
     * (autograd keeps it after the caller has closed its handle). The host values are cached.
     */
    private static NDArray owned(NDArray x, Shape shape, ArrayKey key, Source source) {
        boolean float64 = x.getDataType() == DataType.FLOAT64;
        Object values = ARRAYS.computeIfAbsent(key.withType(float64), k -> {
            int[] picks = picks(shape, source);
            return float64
                    ? gather(InterpolationWeights.doubles(key.in(), key.out(), key.alignCorners()),
                            picks)
                    : gather(InterpolationWeights.floats(key.in(), key.out(), key.alignCorners()),
                            picks);
        });
        NDManager manager = x.getManager();
        try (NDArray borrowed = values instanceof double[] d
                ? manager.create(d, shape) : manager.create((float[]) values, shape)) {
            return borrowed.duplicate();
        }
    }

    /** For every position of an array of the shape, the matrix element it takes (−1: zero). */
    private static int[] picks(Shape shape, Source source) {
        int columns = Math.toIntExact(shape.get(shape.dimension() - 1));
        int[] picks = new int[Math.toIntExact(shape.size())];
        for (int p = 0; p < picks.length; p++) {
            picks[p] = source.index(p / columns, p % columns);
        }
        return picks;
    }

    private static double[] gather(double[] matrix, int[] picks) {
        double[] v = new double[picks.length];
        Arrays.setAll(v, p -> picks[p] < 0 ? 0 : matrix[picks[p]]);
        return v;
    }

    private static float[] gather(float[] matrix, int[] picks) {
        float[] v = new float[picks.length];
        for (int p = 0; p < v.length; p++) {
            v[p] = picks[p] < 0 ? 0 : matrix[picks[p]];
        }
        return v;
    }

    /**
     * One host array: the (in → out) matrix as (out × in) (form 0), its transpose (form −1), or
     * its blocks of tiles of b inputs (form b).
     */
    private record ArrayKey(int in, int out, boolean alignCorners, int form, boolean float64) {

        ArrayKey(int in, int out, boolean alignCorners, int form) {
            this(in, out, alignCorners, form, false);
        }

        ArrayKey withType(boolean value) {
            return new ArrayKey(in, out, alignCorners, form, value);
        }
    }
}
