package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** A layer with one input and one output, whose parameters carry official names. */
public interface Layer extends Parameterized {

    /**
     * Applies the layer. The output is attached to the input's manager; the caller owns both.
     *
     * @param parameterStore the store that hands out this device's parameter values
     * @param x the input, (N, C, H, W) for the layers of this package
     * @param training true for a training-mode forward (batch statistics, gradients)
     * @return the output
     */
    NDArray forward(ParameterStore parameterStore, NDArray x, boolean training);
}
