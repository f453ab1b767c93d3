package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.List;

/**
 * What every network of this package shares: a feature extractor ending in A, a 1×1 classifier
 * with bias on A, and all parameters registered directly on the block under their official names
 * (so DJL's own listing shows them too). Subclasses build their layers, then call {@link
 * #register} once at the end of their constructor.
 */
public abstract class ClassifierNetwork extends NetworkBlock {

    /** Seed of DJL's lazy initialisation ({@link #initialize}) of parameters not yet set. */
    static final long LAZY_INIT_SEED = 0L;

    private final int numClasses;
    private Conv2dLayer classifier;
    private List<LayerParameter> allParameters = List.of();
    private TensorFormat format = TensorFormat.FLOAT32;

    protected ClassifierNetwork(int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        this.numClasses = numClasses;
    }

    /**
     * Registers every parameter and buffer under its official name, in state-dict order.
     *
     * @param parameters all layer parameters, the classifier's included
     * @param classifierLayer the final 1×1 classifier
     */
    protected final void register(List<LayerParameter> parameters, Conv2dLayer classifierLayer) {
        register(parameters);
        classifier = classifierLayer;
        allParameters = List.copyOf(parameters);
    }

    /**
     * Checks that the input of {@code features} is a batch of RGB images.
     *
     * @param images the input
     * @throws IllegalArgumentException unless it is (B, 3, H, W)
     */
    protected static void requireImages(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("images must be (B, 3, H, W), got " + shape);
        }
    }

    /** {@inheritDoc} */
    @Override
    public NDArray classify(ParameterStore parameterStore, NDArray features, boolean training) {
        // (B, C, h, w) -> (B, K, h, w)
        return classifier.forward(parameterStore, features, training);
    }

    /**
     * DJL's lazy initialisation: sets the parameters that have no value yet as {@link
     * #initializeParameters} would with seed {@link #LAZY_INIT_SEED}, keeps the others, and marks
     * trainable arrays as requiring gradients.
     *
     * @param manager the manager of new parameter arrays
     * @param dataType float32 or float64, contiguous layout
     * @param inputShapes the input shapes, (B, 3, H, W)
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        format = new TensorFormat(dataType, false);
        beforeInitialize(inputShapes);
        ParameterValues.initialize(allParameters, manager, LAZY_INIT_SEED, true, format);
        for (Parameter parameter : namedParameters().values()) {
            // as DJL's own blocks: arrays loaded by Model.load get their gradient flag here
            parameter.initialize(manager, dataType);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void initializeParameters(NDManager manager, long seed, TensorFormat format) {
        this.format = format;
        ParameterValues.initialize(allParameters, manager, seed, false, format);
        markInitialized();
    }

    /** {@inheritDoc} */
    @Override
    public TensorFormat tensorFormat() {
        return format;
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierWeight() {
        return classifier.weight();
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierBias() {
        return classifier.bias().orElseThrow();
    }

    /** {@inheritDoc} */
    @Override
    public int numClasses() {
        return numClasses;
    }
}
