package io.dropclass.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BilinearResize;

/**
 * Predicts the label map of one image (any size) in an {@link EvaluationMode}: whole, sliding
 * window, multi-scale, flip. Inference mode (BatchNorm running statistics), no gradients; every
 * array lives in a sub-manager of the caller's manager and is closed before returning.
 *
 * <p>For each scale s the normalised image is resized bilinearly (align_corners = false) to {@code
 * int(H·s + 0.5) × int(W·s + 0.5)} (skipped at the image size) and predicted:
 *
 * <ul>
 *   <li>whole: the network's logits are upsampled bilinearly straight to H × W (as mmseg and the
 *       plain {@link SegmentationPredictor});
 *   <li>sliding: the scaled image is padded at the bottom/right to at least the window (with
 *       normalised black, the value training pads with), windows at the strides cover it (the last
 *       one in each direction flush with the edge, mmseg's grid), each window's logits are
 *       upsampled to the window size and summed into a logit map with a count map, averaged,
 *       cropped back to the scaled size and upsampled to H × W.
 * </ul>
 *
 * With flip, the mirrored scaled image is predicted too and its logits mirrored back. The H × W
 * logits of all scales and flips are summed (not softmaxed) and the argmax is taken.
 */
public final class ModePredictor {

    private final SegmentationNetwork network;
    private final ImageNormalization normalization;
    private final EvaluationMode mode;

    /**
     * Creates the predictor.
     *
     * @param network the trained network
     * @param normalization the input normalisation used in training
     * @param mode how to predict
     */
    public ModePredictor(
            SegmentationNetwork network, ImageNormalization normalization, EvaluationMode mode) {
        this.network = network;
        this.normalization = normalization;
        this.mode = mode;
    }

    /**
     * The mode.
     *
     * @return the evaluation mode
     */
    public EvaluationMode mode() {
        return mode;
    }

    /**
     * Predicts the label map of one image.
     *
     * @param manager parent of the temporary arrays (all closed before returning)
     * @param image planar RGB in [0, 1], {@code 3 * height * width}
     * @param height image rows
     * @param width image columns
     * @return {@code height * width} train ids
     */
    public byte[] predict(NDManager manager, float[] image, int height, int width) {
        return argmax(logits(manager, image, height, width), network.numClasses(), height * width);
    }

    /**
     * The summed logits of all scales and flips at the image size.
     *
     * @param manager parent of the temporary arrays (all closed before returning)
     * @param image planar RGB in [0, 1], {@code 3 * height * width}
     * @param height image rows
     * @param width image columns
     * @return (K, height, width) row-major
     */
    public float[] logits(NDManager manager, float[] image, int height, int width) {
        if (height <= 0 || width <= 0 || image.length != 3 * height * width) {
            throw new IllegalArgumentException("image is not 3x" + height + "x" + width);
        }
        float[] input = new float[image.length];
        normalization.normalise(image, input, 0);
        int k = network.numClasses();
        boolean channelsLast = network.tensorFormat().channelsLast();
        float[] sum = new float[k * height * width];
        for (double s : mode.scales()) {
            int sh = Math.max(1, (int) (height * s + 0.5));
            int sw = Math.max(1, (int) (width * s + 0.5));
            try (NDManager scope = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(scope, false);
                NDArray x = network.tensorFormat().images(input, new Shape(1, 3, height, width),
                        scope);
                NDArray scaled = sh == height && sw == width
                        ? x : BilinearResize.resize(x, sh, sw, false, channelsLast);
                for (int pass = 0; pass < (mode.flip() ? 2 : 1); pass++) {
                    boolean mirror = pass == 1;
                    NDArray in = mirror ? scaled.flip(3) : scaled;
                    NDArray out = mode.isWholeImage()
                            ? network.forward(ps, new NDList(in), false).singletonOrThrow()
                            : slide(scope, ps, in.toFloatArray(), sh, sw);
                    if (mirror) {
                        out = out.flip(3);
                    }
                    float[] full = BilinearResize.resize(out, height, width, false, channelsLast)
                            .toFloatArray();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += full[i];
                    }
                }
            }
        }
        return sum;
    }

    /** Sliding-window logits of a normalised (3, h, w) image, (1, K, h, w) in scope. */
    private NDArray slide(NDManager scope, ParameterStore ps, float[] image, int h, int w) {
        int ch = mode.cropHeight();
        int cw = mode.cropWidth();
        int ph = Math.max(h, ch);
        int pw = Math.max(w, cw);
        float[] padded = ph != h || pw != w ? paddedBlack(image, h, w, ph, pw) : image;
        int k = network.numClasses();
        float[] sum = new float[k * ph * pw];
        int[] count = new int[ph * pw];
        int rows = Math.max(ph - ch + mode.strideHeight() - 1, 0) / mode.strideHeight() + 1;
        int cols = Math.max(pw - cw + mode.strideWidth() - 1, 0) / mode.strideWidth() + 1;
        float[] window = new float[3 * ch * cw];
        for (int r = 0; r < rows; r++) {
            int y2 = Math.min(r * mode.strideHeight() + ch, ph);
            int y1 = Math.max(y2 - ch, 0);
            for (int q = 0; q < cols; q++) {
                int x2 = Math.min(q * mode.strideWidth() + cw, pw);
                int x1 = Math.max(x2 - cw, 0);
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < ch; y++) {
                        System.arraycopy(padded, c * ph * pw + (y1 + y) * pw + x1,
                                window, c * ch * cw + y * cw, cw);
                    }
                }
                float[] logits = windowLogits(scope, ps, window, ch, cw); // (K, ch, cw)
                for (int j = 0; j < k; j++) {
                    for (int y = 0; y < ch; y++) {
                        int dst = j * ph * pw + (y1 + y) * pw + x1;
                        int src = j * ch * cw + y * cw;
                        for (int x = 0; x < cw; x++) {
                            sum[dst + x] += logits[src + x];
                        }
                    }
                }
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        count[(y1 + y) * pw + x1 + x]++;
                    }
                }
            }
        }
        float[] mean = new float[k * h * w];
        for (int j = 0; j < k; j++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    mean[j * h * w + y * w + x] = sum[j * ph * pw + y * pw + x] / count[y * pw + x];
                }
            }
        }
        return scope.create(mean, new Shape(1, k, h, w));
    }

    /**
     * A normalised (3, h, w) image padded bottom/right to (3, ph, pw) with black, i.e. each
     * channel's normalised zero.
     */
    private float[] paddedBlack(float[] image, int h, int w, int ph, int pw) {
        float[] padded = new float[3 * ph * pw];
        for (int c = 0; c < 3; c++) {
            float black = -normalization.mean()[c] / normalization.std()[c];
            java.util.Arrays.fill(padded, c * ph * pw, (c + 1) * ph * pw, black);
            for (int y = 0; y < h; y++) {
                System.arraycopy(image, c * h * w + y * w, padded, c * ph * pw + y * pw, w);
            }
        }
        return padded;
    }

    /** Logits of one normalised (3, ch, cw) window, upsampled to the window: (K, ch, cw). */
    private float[] windowLogits(NDManager scope, ParameterStore ps, float[] window, int ch,
            int cw) {
        try (NDManager windowScope = scope.newSubManager()) {
            NDArray x = network.tensorFormat().images(window, new Shape(1, 3, ch, cw),
                    windowScope); // (1, 3, ch, cw)
            NDArray out = network.forward(ps, new NDList(x), false).singletonOrThrow();
            return BilinearResize.resize(out, ch, cw, false, network.tensorFormat().channelsLast())
                    .toFloatArray();
        }
    }

    /**
     * Per-pixel argmax over classes (first maximum wins).
     *
     * @param logits (K, P) row-major
     * @param classes K
     * @param pixels P
     * @return P class ids
     */
    static byte[] argmax(float[] logits, int classes, int pixels) {
        byte[] out = new byte[pixels];
        for (int p = 0; p < pixels; p++) {
            int best = 0;
            float bestValue = logits[p];
            for (int j = 1; j < classes; j++) {
                float v = logits[j * pixels + p];
                if (v > bestValue) {
                    bestValue = v;
                    best = j;
                }
            }
            out[p] = (byte) best;
        }
        return out;
    }
}
