package io.dropclass.reference;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.SafeTensorsDType;
import io.dropclass.model.weights.SafeTensorsHeader;
import io.dropclass.model.weights.TensorEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One reference case folder, loaded and validated: {@code case.json}, {@code weights.safetensors},
 * {@code inputs.safetensors} ({@code x} (B, 3, H, W) F32, {@code labels} (B, H, W) I64) and {@code
 * expected.safetensors}, whose every entry needs a tolerance in {@code case.json}. Tensor data is
 * not read here, only headers. Errors are one line naming the file.
 *
 * <p>HRNet cases ({@link ReferenceModels#isHrNet}) must describe their DropClass training step
 * ({@link ReferenceStep}); other models (e.g. DeepLabV3) need only the common fields, and have a
 * step when case.json gives an {@code epoch}; a DeepLabV3 case may give the backbone's {@code
 * width_mult} and the head's {@code head_channels} (torchvision's network at reduced width). An
 * HRNet case
 * may carry its stage {@code layout} (a list of four stages, each {@code [modules, "BASIC" |
 * "BOTTLENECK", blocks per branch, channels per branch]}), e.g. W48's layout at narrow widths.
 *
 * <p>Besides {@code tolerance} (float32, contiguous), a case may hold {@code
 * tolerance_channels_last} (float32 channels-last, against the same expected file), {@code
 * tolerance_float64} with {@code expected_float64.safetensors}, and {@code
 * tolerance_float64_channels_last}: {@link #supports(ReferenceMode)}, {@link ReferenceMode}.
 *
 * @param name the folder's name, e.g. {@code hrnet_w18_small_v1_drop12_e300}
 * @param directory the case folder
 * @param model the {@code model} of case.json, e.g. {@code hrnetv2_w18_small_v1}
 * @param tolerancesByKey each tolerance object of case.json by its key ({@code tolerance}, {@code
 *     tolerance_float64}, ...): entry → largest allowed max |difference|, in the order of the
 *     mode's expected file
 * @param layout the HRNet stage layout the case was computed with, when case.json gives one
 *     (otherwise the model's name says the architecture)
 * @param lossParts the weighted loss parts of case.json ({@code semantic_weighted}, {@code
 *     semantic_drop_weighted}, {@code suppression_weighted}), possibly empty
 * @param parameterCount the reference model's trainable parameter count, if given
 * @param numClasses {@code num_classes} of case.json, when present
 * @param step the DropClass training step of an HRNet case (or of a case with an epoch)
 * @param widthMult torchvision's {@code width_mult} of a DeepLabV3 case's backbone (empty: 1)
 * @param headChannels the width of a DeepLabV3 case's head, ASPP branches and A (empty: 256)
 */
public record ReferenceCase(
        String name,
        Path directory,
        String model,
        Map<String, Map<String, Double>> tolerancesByKey,
        Optional<HrNetSpec> layout,
        Map<String, Double> lossParts,
        OptionalLong parameterCount,
        OptionalInt numClasses,
        Optional<ReferenceStep> step,
        OptionalDouble widthMult,
        OptionalInt headChannels) {

    /** The description file. */
    public static final String CASE_FILE = "case.json";

    /** The state dict before the forward pass. */
    public static final String WEIGHTS_FILE = "weights.safetensors";

    /** {@code x} and {@code labels}. */
    public static final String INPUTS_FILE = "inputs.safetensors";

    /** The reference implementation's results. */
    public static final String EXPECTED_FILE = "expected.safetensors";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Makes the maps unmodifiable. */
    public ReferenceCase {
        tolerancesByKey = Collections.unmodifiableMap(new LinkedHashMap<>(tolerancesByKey));
        lossParts = Collections.unmodifiableMap(new LinkedHashMap<>(lossParts));
    }

    private static ReferenceCase of(
            Path directory, String model, JsonNode root, Map<String, Map<String, Double>> tol) {
        Path file = caseFile(directory);
        return new ReferenceCase(
                String.valueOf(directory.toAbsolutePath().normalize().getFileName()),
                directory,
                model,
                tol,
                root.has("layout")
                        ? Optional.of(CaseJson.layout(root, model, file)) : Optional.empty(),
                lossParts(root, directory),
                root.hasNonNull("parameters")
                        ? OptionalLong.of(root.get("parameters").asLong()) : OptionalLong.empty(),
                root.hasNonNull("num_classes")
                        ? OptionalInt.of(CaseJson.integer(root, "num_classes", file))
                        : OptionalInt.empty(),
                ReferenceModels.isHrNet(model) || root.has("epoch")
                        ? Optional.of(CaseJson.step(root, file)) : Optional.empty(),
                root.has("width_mult")
                        ? OptionalDouble.of(CaseJson.number(root, "width_mult", file, Double.NaN))
                        : OptionalDouble.empty(),
                root.has("head_channels")
                        ? OptionalInt.of(CaseJson.integer(root, "head_channels", file))
                        : OptionalInt.empty());
    }

    /**
     * Loads and validates a case folder.
     *
     * @param directory the folder, e.g. {@code fixtures/reference/hrnet_w18_small_v1_drop12_e300}
     * @return the case
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file is missing or invalid (the message names it)
     */
    public static ReferenceCase load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": not a reference case folder");
        }
        Path caseFile = caseFile(directory);
        JsonNode root = readJson(caseFile);
        String model = CaseJson.text(root, "model", caseFile);
        for (String file : List.of(WEIGHTS_FILE, INPUTS_FILE, EXPECTED_FILE)) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new IllegalArgumentException(directory.resolve(file) + ": missing");
            }
        }
        SafeTensors.readHeader(directory.resolve(WEIGHTS_FILE));
        checkInputs(directory.resolve(INPUTS_FILE), ReferenceModels.isHrNet(model));
        SafeTensorsHeader expected = SafeTensors.readHeader(directory.resolve(EXPECTED_FILE));
        Map<String, Map<String, Double>> tolerances = new LinkedHashMap<>();
        for (ReferenceMode mode : ReferenceMode.ALL) {
            String key = mode.toleranceKey();
            if (tolerances.containsKey(key) || (!key.equals("tolerance") && !root.has(key))) {
                continue;
            }
            SafeTensorsHeader header = expected;
            if (mode.float64()) {
                Path file = directory.resolve(ReferenceMode.EXPECTED_FLOAT64_FILE);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(file + ": missing (case.json has " + key
                            + ")");
                }
                header = SafeTensors.readHeader(file);
            }
            tolerances.put(key, tolerances(root, key, caseFile, header, directory, mode));
        }
        return of(directory, model, root, tolerances);
    }

    private static Path caseFile(Path directory) {
        return directory.resolve(CASE_FILE);
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing");
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(file + ": not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": invalid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** x: (B, 3, H, W) F32; labels (needed by training steps): (B, H, W) I64. */
    private static void checkInputs(Path file, boolean needsLabels) throws IOException {
        Map<String, TensorEntry> tensors = SafeTensors.readHeader(file).tensors();
        TensorEntry x = tensors.get("x");
        if (x == null || x.dtype() != SafeTensorsDType.F32 || x.shape().dimension() != 4
                || x.shape().get(1) != 3) {
            throw new IllegalArgumentException(
                    file + ": needs x, F32 (B, 3, H, W), got " + describe(x));
        }
        TensorEntry labels = tensors.get("labels");
        if (labels == null && !needsLabels) {
            return;
        }
        long[] s = x.shape().getShape();
        if (labels == null || labels.dtype() != SafeTensorsDType.I64
                || !labels.shape().equals(new Shape(s[0], s[2], s[3]))) {
            throw new IllegalArgumentException(file + ": needs labels, I64 (" + s[0] + ", "
                    + s[2] + ", " + s[3] + "), got " + describe(labels));
        }
    }

    private static String describe(TensorEntry entry) {
        return entry == null ? "nothing" : entry.dtype() + " " + entry.shape();
    }

    /** The tolerance of every expected entry of a mode, in the order of its expected file. */
    private static Map<String, Double> tolerances(JsonNode root, String key, Path caseFile,
            SafeTensorsHeader expected, Path directory, ReferenceMode mode) {
        JsonNode node = root.get(key);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(caseFile + ": needs a '" + key + "' object");
        }
        Map<String, Double> tolerances = new LinkedHashMap<>();
        for (String entry : expected.tensors().keySet()) {
            JsonNode t = node.get(entry);
            if (t == null || !t.isNumber() || !(t.asDouble() >= 0)
                    || t.asDouble() > Double.MAX_VALUE) {
                throw new IllegalArgumentException(caseFile + ": " + key + "." + entry
                        + " must be a finite number >= 0, got " + t);
            }
            tolerances.put(entry, t.asDouble());
        }
        List<String> extra = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!tolerances.containsKey(field)) {
                extra.add(field);
            }
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(caseFile + ": " + key
                    + " names entries absent from " + mode.expectedFile() + ": "
                    + extra.subList(0, Math.min(5, extra.size())));
        }
        if (tolerances.isEmpty()) {
            throw new IllegalArgumentException(
                    directory.resolve(mode.expectedFile()) + ": holds no entries");
        }
        return tolerances;
    }

    private static Map<String, Double> lossParts(JsonNode root, Path directory) {
        Map<String, Double> parts = new LinkedHashMap<>();
        JsonNode node = root.get("loss_parts");
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException(caseFile(directory) + ": loss_parts."
                            + e.getKey() + " is not a number");
                }
                parts.put(e.getKey(), e.getValue().asDouble());
            });
        }
        return parts;
    }

    /**
     * The tolerance of every entry of expected.safetensors, in that file's order (float32,
     * contiguous).
     *
     * @return entry → largest allowed max |difference|, unmodifiable
     */
    public Map<String, Double> tolerances() {
        return tolerancesByKey.get("tolerance");
    }

    /**
     * Whether the case can check a mode: it has the mode's tolerances (and expected file).
     *
     * @param mode the mode
     * @return true if {@link #tolerances(ReferenceMode)} has entries
     */
    public boolean supports(ReferenceMode mode) {
        return tolerancesByKey.containsKey(mode.toleranceKey())
                || tolerancesByKey.containsKey(mode.fallbackToleranceKey());
    }

    /**
     * The tolerances of a mode, in the order of its expected file.
     *
     * @param mode the mode
     * @return entry → largest allowed max |difference|
     * @throws IllegalArgumentException if the case does not {@link #supports} the mode
     */
    public Map<String, Double> tolerances(ReferenceMode mode) {
        Map<String, Double> map = tolerancesByKey.getOrDefault(mode.toleranceKey(),
                tolerancesByKey.get(mode.fallbackToleranceKey()));
        if (map == null) {
            throw new IllegalArgumentException(file(CASE_FILE) + ": has no "
                    + mode.toleranceKey() + " for a " + mode.label() + " run");
        }
        return map;
    }

    /**
     * A file of the case.
     *
     * @param file e.g. {@link #WEIGHTS_FILE}
     * @return the path
     */
    public Path file(String file) {
        return directory.resolve(file);
    }
}
