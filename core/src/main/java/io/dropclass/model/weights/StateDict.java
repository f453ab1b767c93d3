package io.dropclass.model.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.ParameterValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a network's state to and from name → array maps under the official (PyTorch state-dict)
 * names, e.g. for safetensors checkpoints and converted PyTorch weights.
 *
 * <p>Loading copies values into the parameters' existing arrays (or creates them on the given
 * manager for uninitialised parameters), so a {@link ai.djl.training.ParameterStore} or optimizer
 * that already holds them keeps working. Source arrays are converted to the parameter's type (e.g.
 * F64 → F32) and are never closed.
 */
public final class StateDict {

    /**
     * Name prefix of the optimizer's momentum buffers in a training-state checkpoint ({@code
     * optimizer.momentum.<parameter name>}); they are not weights.
     */
    public static final String MOMENTUM_PREFIX = "optimizer.momentum.";

    private StateDict() {}

    /**
     * Reads the weights of a safetensors file: every tensor but the optimizer's momentum buffers
     * ({@link #MOMENTUM_PREFIX}), so a training-state checkpoint serves wherever a weights file
     * does (evaluate, predict, export, pretrained weights).
     *
     * @param file the file
     * @param manager the manager of the new arrays; the caller owns them
     * @return name → array, in header order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is invalid (see {@link SafeTensors#read})
     */
    public static Map<String, NDArray> readWeights(Path file, NDManager manager)
            throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TensorData> e : SafeTensors.readTensors(file).entrySet()) {
                if (!e.getKey().startsWith(MOMENTUM_PREFIX)) {
                    arrays.put(e.getKey(), e.getValue().toNDArray(manager));
                }
            }
        } catch (IllegalArgumentException e) {
            arrays.values().forEach(NDArray::close);
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return arrays;
    }

    /**
     * Loads a state dict into a network.
     *
     * @param network the network
     * @param state name → values
     * @param strict true to fail, before anything is copied, unless every parameter is present with
     *     the right shape and no entry is left over (PyTorch's {@code strict=True}); false to load
     *     whatever matches and report the rest
     * @param manager the manager of arrays created for uninitialised parameters
     * @return what was loaded, missing, unexpected or mismatched
     * @throws IllegalArgumentException in strict mode, with a one-line summary
     */
    public static StateDictReport load(
            SegmentationNetwork network,
            Map<String, NDArray> state,
            boolean strict,
            NDManager manager) {
        return load(network.namedParameters(), state, strict, manager);
    }

    /**
     * Loads a state dict into named parameters (e.g. a network's plus a head's).
     *
     * @param parameters name → parameter
     * @param state name → values
     * @param strict see {@link #load(SegmentationNetwork, Map, boolean, NDManager)}
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report
     */
    public static StateDictReport load(
            Map<String, Parameter> parameters,
            Map<String, NDArray> state,
            boolean strict,
            NDManager manager) {
        List<String> loadable = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray source = state.get(e.getKey());
            if (source == null) {
                missing.add(e.getKey());
            } else if (!source.getShape().equals(e.getValue().getShape())) {
                mismatched.add(
                        e.getKey()
                                + ": got "
                                + source.getShape()
                                + ", expected "
                                + e.getValue().getShape());
            } else {
                loadable.add(e.getKey());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) {
            if (!parameters.containsKey(name)) {
                unexpected.add(name);
            }
        }
        StateDictReport report = new StateDictReport(loadable, missing, unexpected, mismatched);
        if (strict && !report.isComplete()) {
            throw new IllegalArgumentException("state dict does not match: " + report.summary());
        }
        for (String name : loadable) {
            ParameterValues.assign(parameters.get(name), state.get(name), manager);
        }
        return report;
    }

    /**
     * Reads the weights of a safetensors file ({@link #readWeights}: momentum buffers of a
     * training-state checkpoint are skipped) and loads them.
     *
     * @param network the network
     * @param file the safetensors file
     * @param strict see {@link #load(SegmentationNetwork, Map, boolean, NDManager)}
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report
     * @throws IOException if the file cannot be read
     */
    public static StateDictReport load(
            SegmentationNetwork network, Path file, boolean strict, NDManager manager)
            throws IOException {
        try (NDManager scratch = manager.newSubManager(Device.cpu())) {
            Map<String, NDArray> state = readWeights(file, scratch);
            return load(network, state, strict, manager);
        }
    }

    /**
     * Copies a network's parameters and buffers, under their official names.
     *
     * @param network the network (initialised)
     * @param manager the manager of the copies; the caller owns them
     * @return name → copy, in state-dict order
     */
    public static Map<String, NDArray> export(SegmentationNetwork network, NDManager manager) {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            state.put(e.getKey(), ParameterValues.copyOf(array, manager, array.getDataType()));
        }
        return state;
    }

    /**
     * Writes a network's state as safetensors under official names.
     *
     * @param network the network (initialised)
     * @param file the target
     * @param metadata {@code __metadata__} entries; empty for none
     * @throws IOException if the file cannot be written
     */
    public static void save(SegmentationNetwork network, Path file, Map<String, String> metadata)
            throws IOException {
        Map<String, TensorData> data = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            data.put(e.getKey(), TensorData.of(e.getValue().getArray()));
        }
        SafeTensors.writeTensors(file, data, metadata);
    }
}
