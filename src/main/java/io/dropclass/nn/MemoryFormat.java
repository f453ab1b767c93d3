package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How batches of images enter the engine: NCHW-shaped arrays stored either plainly (contiguous
 * NCHW) or channels-last (NHWC in memory, PyTorch's {@code torch.channels_last}).
 *
 * <p>PyTorch decides a tensor's memory format from its strides, and its oneDNN convolutions on CPU
 * keep a channels-last input channels-last in their output, so BatchNorm, ReLU and the additions
 * behind them run on that layout too, without the reorders between plain NCHW and oneDNN's blocked
 * layouts. The values are the same up to the summation order of the convolutions. DJL has no
 * memory-format API; the array is made as an (B, H, W, 3) host copy whose axes are then permuted
 * to (B, 3, H, W), a view with channels-last strides.
 *
 * <p>The choice is process-wide (like the engine's thread count): channels-last unless {@link
 * #useChannelsLast} turned it off.
 */
public final class MemoryFormat {

    private static volatile boolean channelsLast = true;

    private MemoryFormat() {}

    /**
     * Chooses the layout of image batches for this process.
     *
     * @param value true for channels-last (the default), false for plain NCHW
     */
    public static void useChannelsLast(boolean value) {
        channelsLast = value;
    }

    /**
     * Whether image batches are made channels-last.
     *
     * @return the process-wide choice
     */
    public static boolean channelsLast() {
        return channelsLast;
    }

    /**
     * An image batch as an engine array in the process's layout.
     *
     * @param manager the manager of the new array
     * @param planar the images, (B, 3, H, W) row-major; read, not kept
     * @param batch B
     * @param height H
     * @param width W
     * @return (B, 3, H, W), channels-last or plain; owns its memory
     */
    public static NDArray images(
            NDManager manager, float[] planar, int batch, int height, int width) {
        int pixels = Math.multiplyExact(height, width);
        if (planar.length != Math.multiplyExact(Math.multiplyExact(batch, 3), pixels)) {
            throw new IllegalArgumentException("expected " + batch + "x3x" + height + "x" + width
                    + " values, got " + planar.length);
        }
        if (!channelsLast) {
            try (NDArray borrowed = manager.create(planar, new Shape(batch, 3, height, width))) {
                return borrowed.duplicate(); // (B, 3, H, W)
            }
        }
        float[] interleaved = new float[planar.length];
        for (int n = 0; n < batch; n++) {
            int image = n * 3 * pixels;
            for (int c = 0; c < 3; c++) {
                int plane = image + c * pixels;
                for (int p = 0; p < pixels; p++) {
                    interleaved[image + p * 3 + c] = planar[plane + p];
                }
            }
        }
        try (NDArray nhwc = manager.create(interleaved, new Shape(batch, height, width, 3))) {
            // (B, H, W, 3) -> (B, 3, H, W) view; the clone keeps the channels-last strides and
            // owns its memory (the created array only borrows the Java buffer)
            try (NDArray view = nhwc.transpose(0, 3, 1, 2)) {
                return view.duplicate();
            }
        }
    }
}
