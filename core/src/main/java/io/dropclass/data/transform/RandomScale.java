package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rescales image and mask by a factor drawn uniformly from a discrete list (one {@code nextInt}).
 * The image is resized bilinearly with half-pixel centres and edge clamping (cv2 INTER_LINEAR,
 * PyTorch {@code align_corners=False} without antialiasing), the mask by nearest neighbour as cv2
 * INTER_NEAREST ({@code src = floor(dst · in / out)}), so a mask only ever holds values that were
 * already in it.
 *
 * <p>Two size rules: relative ({@code baseLongSide = 0}): {@code H' = int(H·s + 0.5)}, {@code W' =
 * int(W·s + 0.5)}; long side (the official HRNet recipe, docs/method.md §12.7): the long side
 * becomes
 * {@code L = int(base·s + 0.5)} and the short side {@code int(short·L/long + 0.5)}.
 *
 * @param scales the factors, each drawn with equal probability
 * @param baseLongSide 0 for relative scaling, else the long side at scale 1
 */
public record RandomScale(List<Double> scales, int baseLongSide) implements PairedTransform {

    /** Validates and copies. */
    public RandomScale {
        scales = positiveScales(scales);
        if (baseLongSide < 0) {
            throw new IllegalArgumentException("baseLongSide must be >= 0, got " + baseLongSide);
        }
    }

    /**
     * Checks a list of scale factors (at least one, each positive and finite), as training's
     * random scaling and multi-scale evaluation both take them.
     *
     * @param scales the factors
     * @return an unmodifiable copy
     * @throws IllegalArgumentException if the list is empty or a factor is not positive and finite
     */
    public static List<Double> positiveScales(List<Double> scales) {
        List<Double> copy = List.copyOf(scales);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one scale is needed");
        }
        for (double s : copy) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("scales must be positive, got " + s);
            }
        }
        return copy;
    }

    /**
     * Scales min, min + step, …, up to max (inclusive, with a tolerance of step/1000), relative to
     * the sample size.
     *
     * @param min the smallest factor
     * @param max the largest factor
     * @param step the spacing
     * @return the transform
     */
    public static RandomScale steps(double min, double max, double step) {
        return new RandomScale(range(min, max, step), 0);
    }

    /**
     * The official Cityscapes recipe: s = 0.5 + k/10, k uniform in 0..16, long side int(base·s +
     * 0.5).
     *
     * @param baseLongSide 2048 for Cityscapes
     * @return the transform
     */
    public static RandomScale official(int baseLongSide) {
        List<Double> s = new ArrayList<>();
        for (int k = 0; k <= 16; k++) {
            s.add(0.5 + k / 10.0);
        }
        return new RandomScale(s, baseLongSide);
    }

    static List<Double> range(double min, double max, double step) {
        if (!(step > 0) || !(min > 0) || max < min) {
            throw new IllegalArgumentException(
                    "need 0 < min <= max and step > 0, got " + min + ", " + max + ", " + step);
        }
        List<Double> s = new ArrayList<>();
        for (int k = 0; min + k * step <= max + step / 1000; k++) {
            s.add(min + k * step);
        }
        return s;
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        double s = scales.get(random.nextInt(scales.size()));
        Size size = targetSize(sample.height(), sample.width(), s);
        return resize(sample, size.height(), size.width());
    }

    /**
     * The size of a sample scaled by s under this transform's size rule.
     *
     * @param h input rows
     * @param w input columns
     * @param s the factor
     * @return the output size (at least 1×1)
     */
    public Size targetSize(int h, int w, double s) {
        int nh;
        int nw;
        if (baseLongSide == 0) {
            nh = (int) (h * s + 0.5);
            nw = (int) (w * s + 0.5);
        } else {
            int longSide = (int) (baseLongSide * s + 0.5);
            if (w >= h) {
                nw = longSide;
                nh = (int) ((double) h * longSide / w + 0.5);
            } else {
                nh = longSide;
                nw = (int) ((double) w * longSide / h + 0.5);
            }
        }
        return new Size(Math.max(1, nh), Math.max(1, nw));
    }

    /**
     * Resizes a sample: image bilinear (half-pixel), mask nearest (cv2).
     *
     * @param sample the input
     * @param nh output rows
     * @param nw output columns
     * @return the resized sample (the input when the size does not change)
     */
    public static SegmentationSample resize(SegmentationSample sample, int nh, int nw) {
        int h = sample.height();
        int w = sample.width();
        if (nh == h && nw == w) {
            return sample;
        }
        byte[] label = new byte[nh * nw];
        int[] nx = new int[nw];
        for (int x = 0; x < nw; x++) {
            nx[x] = Math.min((int) Math.floor(x * ((double) w / nw)), w - 1);
        }
        for (int y = 0; y < nh; y++) {
            int sy = Math.min((int) Math.floor(y * ((double) h / nh)), h - 1);
            for (int x = 0; x < nw; x++) {
                label[y * nw + x] = sample.label()[sy * w + nx[x]];
            }
        }
        int[] x0 = new int[nw];
        int[] x1 = new int[nw];
        float[] fx = new float[nw];
        taps(w, nw, x0, x1, fx);
        int[] y0 = new int[nh];
        int[] y1 = new int[nh];
        float[] fy = new float[nh];
        taps(h, nh, y0, y1, fy);
        float[] image = new float[3 * nh * nw];
        float[] src = sample.image();
        float[] rowA = new float[nw];
        float[] rowB = new float[nw];
        for (int c = 0; c < 3; c++) {
            int in = c * h * w;
            int out = c * nh * nw;
            for (int y = 0; y < nh; y++) {
                horizontal(src, in + y0[y] * w, x0, x1, fx, rowA);
                horizontal(src, in + y1[y] * w, x0, x1, fx, rowB);
                float b = fy[y];
                float a = 1 - b;
                for (int x = 0; x < nw; x++) {
                    image[out + y * nw + x] = a * rowA[x] + b * rowB[x];
                }
            }
        }
        return new SegmentationSample(nh, nw, image, label);
    }

    private static void horizontal(float[] src, int row, int[] x0, int[] x1, float[] fx,
            float[] out) {
        for (int x = 0; x < out.length; x++) {
            out[x] = (1 - fx[x]) * src[row + x0[x]] + fx[x] * src[row + x1[x]];
        }
    }

    /** Half-pixel source coordinates, clamped at the edges, as two taps and a weight. */
    private static void taps(int in, int out, int[] i0, int[] i1, float[] f) {
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            double src = Math.max((d + 0.5) * scale - 0.5, 0);
            int a = Math.min((int) Math.floor(src), in - 1);
            i0[d] = a;
            i1[d] = Math.min(a + 1, in - 1);
            f[d] = (float) (src - a);
            if (a == in - 1) {
                f[d] = 0;
            }
        }
    }
}
