package io.dropclass.model.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dropclass.model.SegmentationNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads pretrained checkpoints (safetensors) in official, timm or torchvision naming into our
 * networks, through a {@link NameMap}, and checks that every backbone tensor arrives.
 *
 * <p>Rules: a backbone parameter the checkpoint lacks, a tensor of the wrong shape, or a mapped
 * name the target does not have (other than a DropClass {@code clsdrop_*} head) is an error unless
 * {@code allowPartial}; then nothing is copied. Head parameters the checkpoint lacks ({@code
 * last_layer}, {@code _classifier}, DeepLabV3 {@code classifier}, {@code clsdrop_*}) are reported
 * as new and keep their initial values. A checkpoint from which nothing loads is always an error.
 * A prefix shared by every name ({@code module.}, {@code model.}) is stripped first.
 * Works for a {@code DropClassNetwork} around either model: its names are the wrapped network's
 * plus {@code clsdrop_*}.
 */
public final class PretrainedWeights {

    private PretrainedWeights() {}

    /**
     * The wrapper prefix every name shares: {@code module.} (DataParallel), {@code model.} (the
     * official HRNet/DropClass {@code FullModel} checkpoints) or both ({@code model.module.},
     * {@code module.model.}); empty if none.
     *
     * @param names the checkpoint's names
     * @return the prefix to strip
     */
    static String wrapperPrefix(java.util.Collection<String> names) {
        StringBuilder prefix = new StringBuilder();
        boolean stripped = true;
        while (stripped && !names.isEmpty()) {
            stripped = false;
            for (String candidate : List.of("module.", "model.")) {
                String p = prefix + candidate;
                if (names.stream().allMatch(n -> n.startsWith(p) && n.length() > p.length())) {
                    prefix.append(candidate);
                    stripped = true;
                    break;
                }
            }
        }
        return prefix.toString();
    }

    /**
     * Reads a safetensors checkpoint and loads it.
     *
     * @param target the network (its parameters are created on {@code manager} if uninitialised)
     * @param file the safetensors file
     * @param format the naming scheme, or null to detect it ({@link WeightFormat#detect})
     * @param allowPartial true to load what matches and only report the rest
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the checkpoint does not fit (message: one line naming
     *     the tensors and shapes)
     */
    public static PretrainedLoadReport load(
            SegmentationNetwork target,
            Path file,
            WeightFormat format,
            boolean allowPartial,
            NDManager manager)
            throws IOException {
        return load(target, file, format, allowPartial, false, manager);
    }

    /**
     * Reads a safetensors checkpoint and loads all of it, or only its backbone.
     *
     * @param target the network (its parameters are created on {@code manager} if uninitialised)
     * @param file the safetensors file
     * @param format the naming scheme, or null to detect it ({@link WeightFormat#detect})
     * @param allowPartial true to load what matches and only report the rest
     * @param backboneOnly true to leave the head (HRNet's {@code last_layer}, DeepLabV3's {@code
     *     classifier}, a DropClass head) at its initial values even where the file has it, as when
     *     fine-tuning from an ImageNet backbone
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report (the head's tensors listed as new)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the checkpoint does not fit
     */
    public static PretrainedLoadReport load(
            SegmentationNetwork target,
            Path file,
            WeightFormat format,
            boolean allowPartial,
            boolean backboneOnly,
            NDManager manager)
            throws IOException {
        try (NDManager scratch = manager.newSubManager(Device.cpu())) {
            Map<String, NDArray> state = StateDict.readWeights(file, scratch);
            try {
                return load(target.namedParameters(), state, format, allowPartial, backboneOnly,
                        manager);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Loads a checkpoint given as arrays.
     *
     * @param target the network
     * @param state source name → values (not closed)
     * @param format the naming scheme, or null to detect it
     * @param allowPartial true to load what matches and only report the rest
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report
     */
    public static PretrainedLoadReport load(
            SegmentationNetwork target,
            Map<String, NDArray> state,
            WeightFormat format,
            boolean allowPartial,
            NDManager manager) {
        return load(target.namedParameters(), state, format, allowPartial, manager);
    }

    /**
     * Loads a checkpoint into named parameters (the target's official names).
     *
     * @param parameters target name → parameter; the architecture is recognised from the names
     * @param state source name → values (not closed)
     * @param format the naming scheme, or null to detect it
     * @param allowPartial true to load what matches and only report the rest
     * @param manager the manager of arrays created for uninitialised parameters
     * @return the report
     */
    public static PretrainedLoadReport load(
            Map<String, Parameter> parameters,
            Map<String, NDArray> state,
            WeightFormat format,
            boolean allowPartial,
            NDManager manager) {
        return load(parameters, state, format, allowPartial, false, manager);
    }

    private static PretrainedLoadReport load(
            Map<String, Parameter> parameters,
            Map<String, NDArray> state,
            WeightFormat format,
            boolean allowPartial,
            boolean backboneOnly,
            NDManager manager) {
        String wrapper = wrapperPrefix(state.keySet());
        state = unwrapped(state, wrapper);
        WeightFormat resolved = format != null ? format : WeightFormat.detect(state.keySet());
        TargetArchitecture architecture = TargetArchitecture.of(parameters.keySet());
        Renamed renamed = Renamed.of(state, NameMap.of(resolved, architecture, state.keySet()));

        List<String> loadable = new ArrayList<>();
        List<String> missingBackbone = new ArrayList<>();
        List<String> newHead = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            NDArray source = renamed.tensors().get(name);
            if (backboneOnly && !architecture.isBackbone(name)) {
                newHead.add(name);
            } else if (source == null) {
                (architecture.isBackbone(name) ? missingBackbone : newHead).add(name);
            } else if (!source.getShape().equals(e.getValue().getShape())) {
                mismatched.add(renamed.describe(name) + ": got " + source.getShape()
                        + ", expected " + e.getValue().getShape());
            } else {
                loadable.add(name);
            }
        }
        PretrainedLoadReport report =
                new PretrainedLoadReport(
                        resolved,
                        architecture,
                        wrapper,
                        loadable,
                        missingBackbone,
                        newHead,
                        renamed.skipped(),
                        renamed.unexpected(parameters),
                        mismatched);
        requireFit(report, allowPartial);
        Map<String, NDArray> toCopy = new LinkedHashMap<>();
        Map<String, Parameter> targets = new LinkedHashMap<>();
        for (String name : loadable) {
            toCopy.put(name, renamed.tensors().get(name));
            targets.put(name, parameters.get(name));
        }
        StateDict.load(targets, toCopy, true, manager);
        return report;
    }

    /** The state with the wrapper prefix (e.g. {@code module.}) cut from every name. */
    private static Map<String, NDArray> unwrapped(Map<String, NDArray> state, String wrapper) {
        if (wrapper.isEmpty()) {
            return state;
        }
        Map<String, NDArray> unwrapped = new LinkedHashMap<>();
        state.forEach((name, values) -> unwrapped.put(name.substring(wrapper.length()), values));
        return unwrapped;
    }

    /** Refuses a load that fits nothing, or misses backbone tensors when partial is not allowed. */
    private static void requireFit(PretrainedLoadReport report, boolean allowPartial) {
        if (report.loaded().isEmpty()) {
            throw new IllegalArgumentException(
                    "no tensor of the checkpoint fits the network: " + report.summary());
        }
        if (!allowPartial && !report.backboneComplete()) {
            throw new IllegalArgumentException(
                    "checkpoint does not fit (allow partial loading to load the rest): "
                            + report.summary());
        }
    }

    /**
     * The checkpoint's tensors under the network's names.
     *
     * @param tensors target name → values, in the checkpoint's order
     * @param sourceOf target name → the checkpoint's name
     * @param skipped checkpoint names the map does not translate
     */
    private record Renamed(
            Map<String, NDArray> tensors, Map<String, String> sourceOf, List<String> skipped) {

        static Renamed of(Map<String, NDArray> state, NameMap map) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            Map<String, String> sourceOf = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : state.entrySet()) {
                Optional<String> name = map.target(e.getKey());
                if (name.isEmpty()) {
                    skipped.add(e.getKey());
                    continue;
                }
                String previous = sourceOf.put(name.get(), e.getKey());
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "tensors " + previous + " and " + e.getKey() + " both map to "
                            + name.get());
                }
                tensors.put(name.get(), e.getValue());
            }
            return new Renamed(tensors, sourceOf, skipped);
        }

        /** The target name, and the checkpoint's where it differs. */
        String describe(String name) {
            String from = sourceOf.get(name);
            return name + (from.equals(name) ? "" : " (from " + from + ")");
        }

        /** Renamed tensors the network has no parameter for (DropClass's own aside). */
        List<String> unexpected(Map<String, Parameter> parameters) {
            List<String> unexpected = new ArrayList<>();
            for (String name : tensors.keySet()) {
                if (!parameters.containsKey(name) && !name.startsWith("clsdrop_")) {
                    String from = sourceOf.get(name);
                    unexpected.add(from.equals(name) ? name : from + " → " + name);
                }
            }
            return unexpected;
        }
    }
}
