package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The memory layout of convolution weights: plain (contiguous NCHW order) or channels-last (NHWC
 * order in memory, PyTorch's {@code torch.channels_last}), with the same shape and values.
 *
 * <p>PyTorch decides a tensor's memory format from its strides, and its oneDNN convolutions on CPU
 * run channels-last when the input or the weight is channels-last; their output is channels-last
 * then, and so are the BatchNorm, ReLU and additions behind them. That saves the reorders between
 * plain NCHW and oneDNN's blocked layouts: about 12-15 % of a W18-Small-v1 training step on two
 * cores (docs/performance.md). The reference cases give the same figures with either layout. DJL
 * has no memory-format API; the weight is made as an (out, kh, kw, in) host copy whose axes are
 * permuted to (out, in, kh, kw), a view with channels-last strides, then cloned (the clone keeps
 * the strides).
 *
 * <p>Image batches stay plain on purpose: with channels-last images as well, the replayed
 * reference case {@code hrnet_w18_small_v1_nodrop_e0} got gradients far outside their tolerance
 * (111 of 223, the worst 144 times its tolerance) although the forward matched, so that
 * combination is not used.
 *
 * <p>The choice is process-wide (like the engine's thread count) and made before any network is
 * built: channels-last unless {@link #useChannelsLast} turned it off.
 */
public final class MemoryFormat {

    private static volatile boolean channelsLast = true;

    private MemoryFormat() {}

    /**
     * Chooses the layout of convolution weights created from now on.
     *
     * @param value true for channels-last (the default), false for plain NCHW
     */
    public static void useChannelsLast(boolean value) {
        channelsLast = value;
    }

    /**
     * Whether convolution weights are made channels-last.
     *
     * @return the process-wide choice
     */
    public static boolean channelsLast() {
        return channelsLast;
    }

    /**
     * A new parameter's array in the process's layout: a convolution weight (out, in/groups, kh,
     * kw) is stored channels-last unless the plain layout was chosen. Values, shape and logical order are unchanged; loads into the array later
     * (an in-place {@code set}, see ParameterValues; not {@code copyTo}, which replaces the storage)
     * and in-place optimizer updates keep its layout, and the engine returns its
     * values in logical (NCHW) order.
     *
     * @param values the parameter's values, owned by the caller until returned
     * @param manager the manager of the returned array
     * @return {@code values} itself (not 4-D, or plain layout), or a channels-last copy of it, in
     *     which case {@code values} is closed
     */
    public static NDArray parameter(NDArray values, NDManager manager) {
        Shape shape = values.getShape();
        if (!channelsLast || shape.dimension() != 4) {
            return values;
        }
        int out = Math.toIntExact(shape.get(0));
        int in = Math.toIntExact(shape.get(1));
        int kh = Math.toIntExact(shape.get(2));
        int kw = Math.toIntExact(shape.get(3));
        float[] planar = values.toFloatArray(); // (out, in, kh, kw) row-major
        float[] interleaved = new float[planar.length]; // (out, kh, kw, in) row-major
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        interleaved[((o * kh + y) * kw + x) * in + i] =
                                planar[((o * in + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        try (NDArray ohwi = manager.create(interleaved, new Shape(out, kh, kw, in));
                NDArray view = ohwi.transpose(0, 3, 1, 2)) { // (out, in, kh, kw), channels-last
            NDArray copy = view.duplicate();
            copy.attach(manager);
            values.close();
            return copy;
        }
    }
}
