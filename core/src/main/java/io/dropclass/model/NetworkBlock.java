package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dropclass.nn.LayerParameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The block plumbing every {@link SegmentationNetwork} of this project shares: parameters
 * registered directly on the block under their official names (so DJL's own listing shows them
 * too), DJL's generic forward as {@code classify(features(images))}, and the marker DJL needs to
 * see a block initialised by seed.
 */
public abstract class NetworkBlock extends AbstractBlock implements SegmentationNetwork {

    private Map<String, Parameter> named = Map.of();

    /**
     * Registers parameters under their official names, in state-dict order, after those
     * registered before.
     *
     * @param parameters the layer parameters
     * @throws IllegalStateException if a name is already taken
     */
    protected final void register(List<LayerParameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>(named);
        for (LayerParameter lp : parameters) {
            if (map.put(lp.name(), addParameter(lp.parameter())) != null) {
                throw new IllegalStateException("duplicate parameter name " + lp.name());
            }
        }
        named = Collections.unmodifiableMap(map);
    }

    /**
     * Registers parameters that are registered on another block already (a wrapped network's), so
     * that {@link #namedParameters} lists them too, first.
     *
     * @param parameters the other block's parameters, by name
     */
    protected final void list(Map<String, Parameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>(parameters);
        map.putAll(named);
        named = Collections.unmodifiableMap(map);
    }

    /** Marks the block initialised for DJL (save, forward) after a seeded initialisation. */
    protected final void markInitialized() {
        if (inputShapes == null) {
            beforeInitialize(new Shape(-1, 3, -1, -1)); // the size is free
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray a = features(parameterStore, inputs.singletonOrThrow(), training); // (B, C, h, w)
        NDArray logits = classify(parameterStore, a, training); // (B, K, h, w)
        a.close();
        return new NDList(logits);
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }
}
