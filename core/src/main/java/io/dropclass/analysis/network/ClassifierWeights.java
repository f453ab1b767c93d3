package io.dropclass.analysis.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dropclass.model.SegmentationNetwork;

/**
 * Reads the 1×1 classifier's weight (K, C, 1, 1) of a network as K rows of C floats (bias
 * excluded).
 */
public final class ClassifierWeights {

    private ClassifierWeights() {}

    /**
     * The class weight vectors. For a {@link io.dropclass.method.DropClassNetwork} this is the
     * shared classifier (the wrapped network's), which both branches use.
     *
     * @param network an initialised network
     * @return a new K × C matrix, row k = W_k
     */
    public static float[][] read(SegmentationNetwork network) {
        NDArray w = network.classifierWeight().getArray(); // (K, C, 1, 1); not ours to close
        Shape shape = w.getShape();
        if (shape.dimension() != 4 || shape.get(2) != 1 || shape.get(3) != 1) {
            throw new IllegalArgumentException("classifier weight must be (K, C, 1, 1), got "
                    + shape);
        }
        int k = Math.toIntExact(shape.get(0));
        int c = Math.toIntExact(shape.get(1));
        float[] flat = w.toFloatArray();
        float[][] rows = new float[k][c];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * c, rows[i], 0, c);
        }
        return rows;
    }
}
