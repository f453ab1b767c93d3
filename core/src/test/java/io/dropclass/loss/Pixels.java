package io.dropclass.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tiny logits fixtures and gradient helpers for the loss tests. */
final class Pixels {

    static final byte IGNORE = (byte) 255;

    private Pixels() {}

    /** Logits of one image of 1×P pixels, (1, K, 1, P), from per-pixel class scores. */
    static NDArray row(NDManager m, float[][] perPixel) {
        int p = perPixel.length;
        int k = perPixel[0].length;
        float[] chw = new float[k * p];
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < k; c++) {
                chw[c * p + i] = perPixel[i][c];
            }
        }
        return m.create(chw, new Shape(1, k, 1, p));
    }

    /** Two classes, scores (d_i, 0): for label 0, p_t = sigmoid(d_i). */
    static NDArray twoClass(NDManager m, float... d) {
        float[][] perPixel = new float[d.length][];
        for (int i = 0; i < d.length; i++) {
            perPixel[i] = new float[] {d[i], 0f};
        }
        return row(m, perPixel);
    }

    /** The gradient of loss(x) with respect to a copy of x, optionally poisoning freed memory. */
    static float[] gradient(NDArray x, Function<NDArray, NDArray> loss, boolean poison) {
        try (NDManager step = x.getManager().newSubManager()) {
            NDArray leaf = x.duplicate();
            leaf.attach(step);
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.apply(leaf);
                value.attach(step);
                if (poison) {
                    churnNativeMemory();
                }
                gc.backward(value);
            }
            return leaf.getGradient().toFloatArray();
        }
    }

    /** Collects garbage, then allocates direct buffers full of a poison value (as ScalarsTest). */
    static void churnNativeMemory() {
        System.gc();
        List<ByteBuffer> poison = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            b.putFloat(4, 1e30f);
            poison.add(b);
        }
        if (poison.size() != 2000) {
            throw new AssertionError();
        }
    }
}
