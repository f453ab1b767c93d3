package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.Collection;
import java.util.SplittableRandom;

/**
 * Sets parameter values while keeping each parameter's array object, so that a {@link
 * ai.djl.training.ParameterStore} or an optimizer that already holds the array sees the new values.
 */
public final class ParameterValues {

    /** Every element: {@code set} with it is an in-place copy. */
    private static final NDIndex ALL = new NDIndex("...");

    private ParameterValues() {}

    /**
     * Copies values into a parameter. An initialised parameter is overwritten in place (same array,
     * same gradient flag, same element type and memory layout); an uninitialised one gets a new
     * float32 array on {@code manager}. The caller keeps ownership of {@code values}.
     *
     * @param parameter the parameter; its shape must equal the values' shape
     * @param values the values, of any numeric type (converted to the parameter's type)
     * @param manager the manager (and device) of a newly created array
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void assign(Parameter parameter, NDArray values, NDManager manager) {
        assign(parameter, values, manager, TensorFormat.FLOAT32);
    }

    /**
     * Copies values into a parameter, as {@link #assign(Parameter, NDArray, NDManager)}; an
     * uninitialised parameter gets a new array in the given format.
     *
     * @param parameter the parameter; its shape must equal the values' shape
     * @param values the values, of any numeric type
     * @param manager the manager (and device) of a newly created array
     * @param format element type and layout of a newly created array
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void assign(
            Parameter parameter, NDArray values, NDManager manager, TensorFormat format) {
        Shape expected = parameter.getShape();
        if (expected != null && !expected.equals(values.getShape())) {
            throw new IllegalArgumentException(
                    "cannot assign "
                            + values.getShape()
                            + " to parameter "
                            + parameter.getName()
                            + " of shape "
                            + expected);
        }
        if (parameter.isInitialized()) {
            NDArray target = parameter.getArray();
            NDArray converted = values.toType(target.getDataType(), false);
            // an in-place copy keeps the array's layout (channels-last convolution weights);
            // copyTo would give it plain storage, and a resumed run would convolve on other
            // strides and round differently from an uninterrupted one
            target.set(ALL, converted);
            if (converted != values) {
                converted.close();
            }
            return;
        }
        NDArray owned = format.parameter(values, manager);
        Initializer previous = parameter.getInitializer();
        parameter.setInitializer((m, s, t) -> owned);
        try {
            parameter.initialize(manager, format.dataType());
        } finally {
            parameter.setInitializer(previous);
        }
    }

    /**
     * Copies an array into memory of its own, on a manager's device, with a given type.
     *
     * <p>Why not {@code toDevice(device, true)}: on the PyTorch engine that calls {@code
     * tensor.to(device, dtype)} without torch's copy flag, which returns the same storage when
     * neither device nor type change; an array made from a Java buffer would then lend its memory
     * to the "copy" and free it when closed.
     *
     * @param values the source; not closed
     * @param manager the manager that owns the copy (and its device)
     * @param type the element type of the copy
     * @return the copy, attached to {@code manager}, without gradient
     */
    public static NDArray copyOf(NDArray values, NDManager manager, DataType type) {
        NDArray converted = values.stopGradient(); // a new handle on the same storage
        NDArray moved = converted.toDevice(manager.getDevice(), false).toType(type, false);
        NDArray copy = moved.duplicate(); // torch clone: new storage
        if (moved != converted) {
            moved.close();
        }
        converted.close();
        copy.attach(manager);
        return copy;
    }

    /**
     * Initialises parameters from a seed as float32 arrays in the contiguous layout ({@link
     * #initialize(Collection, NDManager, long, boolean, TensorFormat)}).
     *
     * @param parameters the parameters, in a stable order
     * @param manager the manager of newly created arrays
     * @param seed the seed
     * @param onlyMissing true to leave initialised parameters untouched
     */
    public static void initialize(Collection<LayerParameter> parameters, NDManager manager,
            long seed, boolean onlyMissing) {
        initialize(parameters, manager, seed, onlyMissing, TensorFormat.FLOAT32);
    }

    /**
     * Initialises parameters from a seed. Each parameter draws from its own stream, split in list
     * order from one {@link SplittableRandom}, so a parameter's values depend only on the seed and
     * its position, whether or not the others are drawn.
     *
     * @param parameters the parameters, in a stable order
     * @param manager the manager of newly created arrays
     * @param seed the seed
     * @param onlyMissing true to leave initialised parameters untouched (DJL's lazy initialisation)
     * @param format element type and layout of newly created arrays
     */
    public static void initialize(
            Collection<LayerParameter> parameters,
            NDManager manager,
            long seed,
            boolean onlyMissing,
            TensorFormat format) {
        initialize(parameters, manager, seed, 0, onlyMissing, format);
    }

    /**
     * Initialises parameters from a seed, as {@link #initialize(Collection, NDManager, long,
     * boolean, TensorFormat)}, with the streams from a position on: parameters added after those
     * of another block continue that block's stream sequence.
     *
     * @param parameters the parameters, in a stable order
     * @param manager the manager of newly created arrays
     * @param seed the seed
     * @param firstStream the position of the first parameter's stream (streams before it are
     *     split off and unused)
     * @param onlyMissing true to leave initialised parameters untouched (DJL's lazy initialisation)
     * @param format element type and layout of newly created arrays
     */
    public static void initialize(
            Collection<LayerParameter> parameters,
            NDManager manager,
            long seed,
            int firstStream,
            boolean onlyMissing,
            TensorFormat format) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < firstStream; i++) {
            root.split();
        }
        for (LayerParameter lp : parameters) {
            SplittableRandom random = root.split();
            Parameter parameter = lp.parameter();
            if (onlyMissing && parameter.isInitialized()) {
                continue;
            }
            Shape shape = parameter.getShape();
            float[] values = lp.init().sample(shape, random);
            try (NDArray array = manager.create(values, shape)) {
                assign(parameter, array, manager, format);
            }
        }
    }
}
