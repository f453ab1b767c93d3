package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import io.dropclass.nn.Parameterized;
import java.util.ArrayList;
import java.util.List;

/**
 * The transition into a stage ({@code transition1..3}): an existing branch whose width changes gets
 * a 3×3 conv + BN + ReLU ({@code <name>.<i>.0/1}); a new, lower-resolution branch is made from the
 * previous last branch by a chain of 3×3 stride-2 conv + BN + ReLU ({@code <name>.<i>.<k>.0/1});
 * other branches pass through unchanged.
 *
 * <p>An existing branch is transformed from itself (upstream HRNet); the DropClass fork would feed
 * it the last branch, which only matters for configurations that change a width, none of the three
 * here.
 */
final class Transition implements Parameterized {

    private final List<Layer> layers; // null entry: identity
    private final int previousBranches;
    private final List<LayerParameter> parameters;

    private Transition(List<Layer> layers, int previousBranches) {
        this.layers = new ArrayList<>(layers);
        this.previousBranches = previousBranches;
        List<LayerParameter> list = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer != null) {
                list.addAll(layer.layerParameters());
            }
        }
        parameters = List.copyOf(list);
    }

    /**
     * Creates a transition.
     *
     * @param name e.g. {@code transition1}
     * @param previous output channels of the previous stage's branches
     * @param current input channels of the next stage's branches
     * @return the transition
     */
    static Transition create(String name, List<Integer> previous, List<Integer> current) {
        int pre = previous.size();
        List<Layer> layers = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            String prefix = name + "." + i;
            if (i < pre) {
                int in = previous.get(i);
                layers.add(
                        in == current.get(i)
                                ? null
                                : ConvBn.hrnet(prefix, in, current.get(i), 3, 1, true));
                continue;
            }
            List<Layer> chain = new ArrayList<>();
            int in = previous.get(pre - 1);
            for (int k = 0; k <= i - pre; k++) {
                int out = k == i - pre ? current.get(i) : in;
                chain.add(ConvBn.hrnet(prefix + "." + k, in, out, 3, 2, true));
                in = out;
            }
            layers.add(new LayerSequence(chain));
        }
        return new Transition(layers, pre);
    }

    /**
     * Applies the transition. Inputs are not closed; an unchanged branch is the same array.
     *
     * @param parameterStore the parameter store
     * @param inputs the previous stage's branches, highest resolution first
     * @param training training mode
     * @return the next stage's inputs
     */
    List<NDArray> forward(ParameterStore parameterStore, List<NDArray> inputs, boolean training) {
        List<NDArray> outputs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            NDArray source = inputs.get(Math.min(i, previousBranches - 1));
            Layer layer = layers.get(i);
            outputs.add(layer == null ? source : layer.forward(parameterStore, source, training));
        }
        return outputs;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }
}
