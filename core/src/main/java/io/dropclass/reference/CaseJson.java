package io.dropclass.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropclass.data.ClassCatalog;
import io.dropclass.model.HrNetSpec;
import io.dropclass.nn.BatchNormLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of case.json fields, with one-line errors naming the file and the field. */
final class CaseJson {

    private CaseJson() {}

    static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": needs a '" + field + "' string");
        }
        return node.asText();
    }

    static int integer(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(file + ": needs an integer '" + field + "'");
        }
        return node.asInt();
    }

    static double number(JsonNode root, String field, Path file, double fallback) {
        JsonNode node = root.get(field);
        if (node == null) {
            if (Double.isNaN(fallback)) {
                throw new IllegalArgumentException(file + ": needs a number '" + field + "'");
            }
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(file + ": '" + field + "' must be a number");
        }
        return node.asDouble();
    }

    static List<Double> numbers(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(file + ": needs a '" + field + "' array");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException(file + ": '" + field + "' holds " + v);
            }
            values.add(v.asDouble());
        }
        return values;
    }

    /** The DropClass step of an HRNet case. */
    static ReferenceStep step(JsonNode root, Path file) {
        if (root.has("ignore_label")
                && integer(root, "ignore_label", file) != ClassCatalog.IGNORE_INDEX) {
            throw new IllegalArgumentException(
                    file + ": ignore_label must be " + ClassCatalog.IGNORE_INDEX);
        }
        try {
            return new ReferenceStep(
                    integer(root, "num_classes", file),
                    integer(root, "epoch", file),
                    integer(root, "end_epoch", file),
                    number(root, "alpha", file, Double.NaN),
                    integer(root, "dropped_class", file),
                    numbers(root, "class_weights", file),
                    number(root, "bn_eps", file, BatchNormLayer.DEFAULT_EPS),
                    number(root, "bn_momentum_pytorch", file, BatchNormLayer.HRNET_MOMENTUM));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    message.startsWith(file.toString()) ? message : file + ": " + message, e);
        }
    }

    /**
     * An HRNet stage layout: four stages, each {@code [modules, "BASIC" | "BOTTLENECK", blocks,
     * channels]} (the official configs' {@code MODEL.EXTRA}).
     */
    static HrNetSpec layout(JsonNode root, String model, Path file) {
        JsonNode node = root.get("layout");
        String problem = file + ": 'layout' must be four stages [modules, block, blocks, channels]";
        if (node == null || !node.isArray() || node.size() != 4) {
            throw new IllegalArgumentException(problem);
        }
        List<HrNetSpec.Stage> stages = new ArrayList<>();
        try {
            for (JsonNode stage : node) {
                if (!stage.isArray() || stage.size() != 4 || !stage.get(0).isIntegralNumber()
                        || !stage.get(1).isTextual()) {
                    throw new IllegalArgumentException(problem);
                }
                HrNetSpec.BlockType block = HrNetSpec.BlockType.valueOf(
                        stage.get(1).asText().toUpperCase(java.util.Locale.ROOT));
                stages.add(new HrNetSpec.Stage(stage.get(0).asInt(), block,
                        integers(stage.get(2), problem), integers(stage.get(3), problem)));
            }
            return new HrNetSpec(model, stages);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    message.startsWith(file.toString()) ? message : problem + ": " + message, e);
        }
    }

    private static List<Integer> integers(JsonNode node, String problem) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(problem);
        }
        List<Integer> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isIntegralNumber()) {
                throw new IllegalArgumentException(problem);
            }
            values.add(v.asInt());
        }
        return values;
    }
}
