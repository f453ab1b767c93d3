package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.List;
import java.util.Objects;

/**
 * A network that adds layers of its own on another network's feature map and classifies with that
 * network's classifier (a method's head, as DropClass's). The wrapped network's parameters keep
 * their names and come first; the added ones follow and continue its sequence of random streams,
 * so the wrapped network's initial values do not depend on the head. Subclasses define the
 * feature their prediction classifies ({@link #features}).
 */
public abstract class WrappedNetwork extends NetworkBlock {

    /** Seed of DJL's lazy initialisation of the added parameters. */
    public static final long LAZY_INIT_SEED = 0L;

    private final SegmentationNetwork network;
    private final List<LayerParameter> added;

    /**
     * Wraps a network.
     *
     * @param network the network whose feature map and classifier are used
     * @param added the parameters of the added layers, under their official names
     */
    protected WrappedNetwork(SegmentationNetwork network, List<LayerParameter> added) {
        this.network = Objects.requireNonNull(network, "network");
        this.added = List.copyOf(added);
        addChildBlock("network", network);
        list(network.namedParameters());
        register(this.added);
    }

    /**
     * The wrapped network.
     *
     * @return the network
     */
    public SegmentationNetwork network() {
        return network;
    }

    /** {@inheritDoc} The wrapped network's classifier. */
    @Override
    public NDArray classify(ParameterStore parameterStore, NDArray features, boolean training) {
        return network.classify(parameterStore, features, training); // (B, K, h, w)
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    /**
     * DJL's lazy initialisation: the wrapped network's, then the added parameters that have no
     * value yet as {@link #initializeParameters} would with seed {@link #LAZY_INIT_SEED};
     * trainable arrays are marked as requiring gradients.
     *
     * @param manager the manager of new parameter arrays
     * @param dataType float32 or float64, contiguous layout
     * @param inputShapes the input shapes, (B, 3, H, W)
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, inputShapes);
        beforeInitialize(inputShapes);
        ParameterValues.initialize(added, manager, LAZY_INIT_SEED,
                network.namedParameters().size(), true, network.tensorFormat());
        for (LayerParameter lp : added) {
            lp.parameter().initialize(manager, dataType);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The wrapped network is initialised with the same seed (so its values do not depend on the
     * added layers); the added parameters continue the stream sequence of {@link
     * #namedParameters}: the p-th name draws from the p-th split.
     */
    @Override
    public void initializeParameters(NDManager manager, long seed, TensorFormat format) {
        network.initializeParameters(manager, seed, format);
        ParameterValues.initialize(added, manager, seed, network.namedParameters().size(), false,
                format);
        markInitialized();
    }

    /** {@inheritDoc} */
    @Override
    public TensorFormat tensorFormat() {
        return network.tensorFormat();
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierWeight() {
        return network.classifierWeight();
    }

    /** {@inheritDoc} */
    @Override
    public Parameter classifierBias() {
        return network.classifierBias();
    }

    /** {@inheritDoc} */
    @Override
    public int featureChannels() {
        return network.featureChannels();
    }

    /** {@inheritDoc} */
    @Override
    public int numClasses() {
        return network.numClasses();
    }

    /** {@inheritDoc} */
    @Override
    public int outputStride() {
        return network.outputStride();
    }
}
