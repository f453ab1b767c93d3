package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Dropout as PyTorch's {@code nn.Dropout(p)}: in training mode every element is zeroed with
 * probability p and the others scaled by 1/(1 − p); in inference mode the identity.
 *
 * <p>The mask does not come from the engine's global generator: it is drawn in Java from a {@link
 * SplittableRandom} that {@link #reseed} sets, one uniform double per element in row-major order,
 * kept when ≥ p, so a training run is reproducible from its seed whatever else used the engine's
 * generator. Each training forward advances the stream. The layer has no parameters.
 */
public final class SeededDropout implements Layer {

    private final double rate;
    private SplittableRandom random;

    /**
     * Creates the layer, seeded with 0.
     *
     * @param rate p in [0, 1)
     */
    public SeededDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.random = new SplittableRandom(0);
    }

    /**
     * Restarts the mask stream.
     *
     * @param seed the seed
     */
    public synchronized void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /**
     * The drop probability.
     *
     * @return p
     */
    public double rate() {
        return rate;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        if (!training || rate == 0) {
            return x.duplicate();
        }
        Shape shape = x.getShape();
        float[] values = mask(Math.toIntExact(shape.size()));
        NDManager manager = x.getManager();
        // the array made from a Java array borrows its buffer: autograd keeps the mask for
        // backward, so it gets a copy that owns its memory
        try (NDArray borrowed = manager.create(values, shape);
                NDArray mask = borrowed.duplicate()) {
            return x.mul(mask); // float32 mask, float32 input
        }
    }

    private synchronized float[] mask(int size) {
        float keep = (float) (1.0 / (1.0 - rate));
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble() >= rate ? keep : 0f;
        }
        return values;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return List.of();
    }
}
