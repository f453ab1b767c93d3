package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, weight decay and optional Nesterov momentum, with
 * PyTorch's update rule (dampening 0), so a changing learning rate scales only the step:
 *
 * <pre>
 *   d   = g + weightDecay · p
 *   buf = d                      (first step)
 *   buf = momentum · buf + d     (later steps)
 *   d   = nesterov ? d + momentum · buf : buf
 *   p  -= lr · d
 * </pre>
 *
 * <p>Gradients are zeroed after each step (the engine accumulates them). The momentum buffers live
 * in a manager of this optimizer, closed with it.
 */
public final class Sgd implements AutoCloseable {

    private final NDManager state;
    private final List<NDArray> parameters;
    private final NDArray[] buffers;
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;

    /**
     * Creates the optimizer.
     *
     * @param parent manager under which the momentum buffers are kept
     * @param parameters the trainable leaf arrays (gradients attached); not owned
     * @param momentum momentum factor, 0 for plain SGD
     * @param weightDecay L2 factor added to every gradient
     * @param nesterov Nesterov momentum
     */
    public Sgd(
            NDManager parent,
            List<NDArray> parameters,
            double momentum,
            double weightDecay,
            boolean nesterov) {
        this.state = parent.newSubManager();
        this.parameters = List.copyOf(parameters);
        this.buffers = new NDArray[parameters.size()];
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
    }

    /**
     * Applies one update with the current gradients, then zeroes them. Runs outside a gradient
     * collector.
     *
     * @param lr the learning rate of this step
     */
    public void step(double lr) {
        try (NDManager scope = state.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                update(scope, i, (float) lr);
            }
        }
    }

    private void update(NDManager scope, int i, float lr) {
        NDArray p = parameters.get(i);
        NDArray g = p.getGradient();
        g.attach(scope);
        NDArray d = p.mul(weightDecay); // same shape as p
        d.attach(scope);
        d.addi(g);
        if (momentum != 0) {
            if (buffers[i] == null) {
                buffers[i] = d.duplicate();
                buffers[i].attach(state);
            } else {
                buffers[i].muli(momentum).addi(d);
            }
            if (nesterov) {
                NDArray lookAhead = buffers[i].mul(momentum);
                lookAhead.attach(scope);
                d.addi(lookAhead);
            } else {
                d = buffers[i].duplicate();
                d.attach(scope);
            }
        }
        p.subi(d.muli(lr));
        g.muli(0f);
    }

    /** The momentum buffers in parameter order (null entries before the first step). */
    public List<NDArray> momentumBuffers() {
        List<NDArray> list = new ArrayList<>(buffers.length);
        Collections.addAll(list, buffers);
        return Collections.unmodifiableList(list);
    }

    /**
     * Restores the momentum buffers of a checkpoint, as copies owned by this optimizer (the values
     * are not kept). A null entry clears the buffer (the next step starts it, as a first step).
     *
     * @param values one array per parameter, in parameter order, each of its parameter's shape
     * @throws IllegalArgumentException if the count or a shape does not match
     */
    public void restoreMomentumBuffers(List<NDArray> values) {
        if (values.size() != buffers.length) {
            throw new IllegalArgumentException("expected " + buffers.length
                    + " momentum buffers, got " + values.size());
        }
        for (int i = 0; i < buffers.length; i++) {
            NDArray v = values.get(i);
            if (v != null && !v.getShape().equals(parameters.get(i).getShape())) {
                throw new IllegalArgumentException("momentum buffer " + i + " has the shape "
                        + v.getShape() + ", its parameter " + parameters.get(i).getShape());
            }
        }
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
            }
            NDArray v = values.get(i);
            if (v != null) {
                NDArray copy = v.getDataType() == parameters.get(i).getDataType()
                        ? v.duplicate()
                        : v.toType(parameters.get(i).getDataType(), true);
                copy.attach(state);
                buffers[i] = copy;
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
