package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Stochastic gradient descent with momentum, weight decay and optional Nesterov momentum, with
 * PyTorch's update rule (dampening 0), so a changing learning rate scales only the step:
 *
 * <pre>
 *   d   = weightDecay · p + g
 *   buf = d                      (first step)
 *   buf = momentum · buf + d     (later steps)
 *   d   = nesterov ? d + momentum · buf : buf
 *   p  -= lr · d
 * </pre>
 *
 * <p>The parameters live in one flat buffer: each parameter's array is re-homed as a view of it
 * (a channels-last convolution weight as a channels-last view), so the update is a handful of
 * engine calls over the whole buffer, not several per parameter; only gathering the gradients
 * (one view each, joined in one call) and zeroing them (the engine accumulates them) touch each
 * parameter. The arithmetic is the per-parameter rule element for element, so the values are the
 * same. The buffers live in a manager of this optimizer, closed with it.
 */
public final class Sgd implements AutoCloseable {

    private static final NDIndex ALL = new NDIndex("...");

    private final NDManager state; // the momentum
    private final NDArray flat; // (N): every parameter, in order, owned by the parameters' manager
    private final List<Slot> slots;
    private NDArray buffer; // (N) momentum, null before the first step
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;

    /** One parameter: its array (a view of the flat buffer) and where it lies in it. */
    private record Slot(NDArray array, long offset, long size, boolean channelsLast) {}

    private Sgd(NDManager state, NDArray flat, List<Slot> slots, double momentum,
            double weightDecay, boolean nesterov) {
        this.state = state;
        this.flat = flat;
        this.slots = List.copyOf(slots);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
    }

    /**
     * Creates the optimizer and moves the parameters into its flat buffer: each parameter's
     * values are copied into a view of the buffer, which becomes the parameter's array.
     *
     * @param parent the parameters' manager: it owns the flat buffer (the parameters outlive the
     *     optimizer); the momentum lives in a sub-manager of it
     * @param parameters the trainable parameters, initialised, one element type
     * @param format their layout: 4-D weights become channels-last views when it says so
     * @param momentum momentum factor, 0 for plain SGD
     * @param weightDecay L2 factor added to every gradient
     * @param nesterov Nesterov momentum
     * @return the optimizer; close it to release the momentum
     */
    public static Sgd over(NDManager parent, List<Parameter> parameters, TensorFormat format,
            double momentum, double weightDecay, boolean nesterov) {
        NDManager state = parent.newSubManager();
        long total = 0;
        for (Parameter p : parameters) {
            total += p.getArray().size();
        }
        NDArray flat = parent.zeros(new Shape(total), format.dataType());
        List<Slot> slots = new ArrayList<>(parameters.size());
        long offset = 0;
        for (Parameter p : parameters) {
            NDArray old = Objects.requireNonNull(p.getArray(), p.getName());
            Shape shape = old.getShape();
            long size = shape.size();
            boolean channelsLast = format.channelsLast() && shape.dimension() == 4;
            NDArray view = view(flat, offset, shape, channelsLast);
            view.set(ALL, old); // the values, before the view takes a gradient
            rehome(p, view, parent);
            slots.add(new Slot(view, offset, size, channelsLast));
            offset += size;
        }
        return new Sgd(state, flat, slots, momentum, weightDecay, nesterov);
    }

    /** A view of {@code size} elements of the buffer shaped as the parameter. */
    private static NDArray view(NDArray flat, long offset, Shape shape, boolean channelsLast) {
        try (NDArray slice = flat.get(new NDIndex("{}:{}", offset, offset + shape.size()))) {
            if (!channelsLast) {
                return slice.reshape(shape);
            }
            long[] s = shape.getShape(); // (O, I, kh, kw) stored as (O, kh, kw, I)
            try (NDArray ohwi = slice.reshape(s[0], s[2], s[3], s[1])) {
                return ohwi.transpose(0, 3, 1, 2);
            }
        }
    }

    /** Makes the view the parameter's array (DJL sets an array once, through an initializer). */
    private static void rehome(Parameter p, NDArray view, NDManager manager) {
        Initializer previous = p.getInitializer();
        p.close(); // its old array; the values are in the view
        p.setInitializer((m, s, t) -> view);
        try {
            p.initialize(manager, view.getDataType()); // names it, attaches a gradient
        } finally {
            p.setInitializer(previous);
        }
    }

    /**
     * Applies one update with the given learning rate and zeroes the gradients.
     *
     * @param lr the learning rate of this step
     */
    public void step(double lr) {
        try (NDManager scope = state.newSubManager()) {
            NDList pieces = new NDList(slots.size());
            List<NDArray> gradients = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                NDArray g = slot.array().getGradient();
                g.attach(scope);
                gradients.add(g);
                // the gradient in the buffer's order: (O, kh, kw, I) for a channels-last weight
                NDArray ordered = slot.channelsLast() ? g.transpose(0, 2, 3, 1) : g;
                NDArray piece = ordered.reshape(-1);
                piece.attach(scope);
                pieces.add(piece);
            }
            NDArray g = NDArrays.concat(pieces); // (N)
            g.attach(scope);
            NDArray d = flat.mul(weightDecay); // (N)
            d.attach(scope);
            d.addi(g);
            if (momentum != 0) {
                if (buffer == null) {
                    buffer = d.duplicate();
                    buffer.attach(state);
                } else {
                    buffer.muli(momentum).addi(d);
                }
                if (nesterov) {
                    NDArray lookAhead = buffer.mul(momentum);
                    lookAhead.attach(scope);
                    d.addi(lookAhead);
                } else {
                    d = buffer.duplicate();
                    d.attach(scope);
                }
            }
            flat.subi(d.muli((float) lr));
            for (NDArray gradient : gradients) {
                gradient.muli(0f);
            }
        }
    }

    /**
     * The momentum buffer of each parameter, shaped as the parameter (views of the flat buffer;
     * null before the first step, and without momentum).
     *
     * @return one entry per parameter, in construction order
     */
    public List<NDArray> momentumBuffers() {
        List<NDArray> list = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            list.add(buffer == null ? null
                    : view(buffer, slot.offset(), slot.array().getShape(), slot.channelsLast()));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Replaces the momentum buffers (resuming a run); a null entry leaves that parameter's
     * momentum at zero (a parameter the saved run never stepped).
     *
     * @param values one array per parameter, shaped as the parameter, or null entries
     * @throws IllegalArgumentException if the count or a shape does not match
     */
    public void restoreMomentumBuffers(List<NDArray> values) {
        if (values.size() != slots.size()) {
            throw new IllegalArgumentException("expected " + slots.size()
                    + " momentum buffers, got " + values.size());
        }
        boolean any = false;
        for (int i = 0; i < slots.size(); i++) {
            NDArray v = values.get(i);
            if (v != null && !v.getShape().equals(slots.get(i).array().getShape())) {
                throw new IllegalArgumentException("momentum buffer " + i + " has the shape "
                        + v.getShape() + ", its parameter " + slots.get(i).array().getShape());
            }
            any |= v != null;
        }
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
        if (!any) {
            return;
        }
        buffer = state.zeros(flat.getShape(), flat.getDataType());
        for (int i = 0; i < slots.size(); i++) {
            NDArray v = values.get(i);
            if (v != null) {
                Slot slot = slots.get(i);
                try (NDArray target = view(buffer, slot.offset(), slot.array().getShape(),
                        slot.channelsLast())) {
                    target.set(ALL, v.toType(flat.getDataType(), false));
                }
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
