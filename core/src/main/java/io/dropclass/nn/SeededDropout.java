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
 * <p>The mask does not come from the engine's global generator: it is drawn in Java, one uniform
 * double per element in row-major order, kept when ≥ p, so a training run is reproducible from its
 * seed whatever else used the engine's generator. The mask of the n-th training forward since
 * {@link #reseed} comes from a fresh {@link SplittableRandom} seeded with a mix of (seed, n): it is
 * a pure function of the seed and the forward's position, which {@link #position} can set, so a
 * resumed run draws the masks that an uninterrupted one draws. The layer has no parameters.
 */
public final class SeededDropout implements Layer {

    /** The seed of forward n's mask. */
    private static final SeedMixer MIXER =
            new SeedMixer(0xD6E8FEB86659FD93L, 32, 0xBF58476D1CE4E5B9L);

    private final double rate;
    private long seed;
    private long forwards;

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
        this.seed = 0;
    }

    /**
     * Restarts the mask stream at position 0.
     *
     * @param seed the seed
     */
    public synchronized void reseed(long seed) {
        this.seed = seed;
        this.forwards = 0;
    }

    /**
     * Moves the stream: the next training forward draws the mask of position n (the number of
     * training forwards since {@link #reseed}), e.g. the iteration a resumed run starts at.
     *
     * @param n the position, ≥ 0
     */
    public synchronized void position(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + n);
        }
        this.forwards = n;
    }

    /**
     * The number of training forwards since {@link #reseed} (or the last {@link #position}).
     *
     * @return the position of the next mask
     */
    public synchronized long position() {
        return forwards;
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
        SplittableRandom random = new SplittableRandom(MIXER.mix(seed, forwards++));
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
