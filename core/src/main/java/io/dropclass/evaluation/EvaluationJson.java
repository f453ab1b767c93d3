package io.dropclass.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.data.cityscapes.CityscapesLabels;
import io.dropclass.evaluation.cityscapes.CityscapesCounts;
import io.dropclass.evaluation.cityscapes.CityscapesScores;
import io.dropclass.evaluation.cityscapes.InstanceCounts;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a {@link SegmentationEvaluation} as {@code metrics.json}.
 *
 * <p>Layout (snake_case keys): {@code label_set}, {@code absent_class_policy} (a sentence that
 * explains the two means), {@code confusion_layout}, {@code labelled_pixels}, {@code mean_iou},
 * {@code mean_iou_absent_as_zero}, {@code pixel_accuracy}, {@code mean_class_accuracy}, {@code
 * frequency_weighted_iou}, {@code absent_classes} (train ids), {@code classes} (objects with {@code
 * id}, {@code name}, {@code iou}, {@code accuracy}, {@code labelled_pixels}, {@code
 * predicted_pixels}) and {@code confusion} (K rows of K counts). Fractions are in [0, 1].
 *
 * <p>On a Cityscapes split with the official ground truth, {@code cityscapes} holds the official
 * pixel-level evaluation ({@link #CITYSCAPES_EXPLANATION}): its four averages ({@code
 * mean_iou_classes}, {@code mean_iiou_classes}, {@code mean_iou_categories}, {@code
 * mean_iiou_categories}), the iIoU of each instance class ({@code class_iiou}), the category
 * scores ({@code category_iou}, {@code category_iiou}) and the counts they derive from ({@code
 * label_confusion}: 34×34 over label ids; {@code instances}: {@code tp}, {@code fn}, {@code
 * tp_weighted}, {@code fn_weighted} per instance class and category). Reading rebuilds it from
 * the counts; a file without the block reads as an evaluation without official counts.
 *
 * <p><b>NaN is written as {@code null}</b>: JSON has no NaN, and a {@code null} reads as
 * "undefined" in every tool, where a 0 would lie and a bare {@code NaN} token breaks strict
 * parsers. Reading turns {@code null} back into NaN. Reading rebuilds the evaluation from the label
 * set, class names and confusion counts; the derived numbers in the file are for human and other
 * readers.
 *
 * <p>Files are written atomically (temporary file and rename).
 */
public final class EvaluationJson {

    /** The explanation stored in every file under {@code absent_class_policy}. */
    public static final String ABSENT_CLASS_POLICY =
            "A class absent from both labels and predictions has an undefined IoU (null, listed in"
                + " absent_classes). mean_iou leaves such classes out (mmsegmentation's nanmean);"
                + " mean_iou_absent_as_zero counts them as 0 over all classes (tp / max(1, union),"
                + " the official HRNet/DropClass evaluation). mean_class_accuracy averages over"
                + " classes with labelled pixels. null marks any undefined value.";

    /** The explanation stored in every file under {@code confusion_layout}. */
    public static final String CONFUSION_LAYOUT =
            "confusion[truth][prediction] = pixels; pixels labelled 255 (ignore) are not counted";

    /** The explanation stored in the {@code cityscapes} block. */
    public static final String CITYSCAPES_EXPLANATION =
            "The official Cityscapes pixel-level evaluation (evalPixelLevelSemanticLabeling.py) on"
                + " label ids: class IoU over the 19 evaluated classes, iIoU over the 8 classes"
                + " with instances (TP and FN of each ground-truth instance weighted by the class's"
                + " official average instance size over the instance's size, FP unweighted), and"
                + " both over the categories; averages skip undefined (null) scores.";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = ResultFiles.arraysOnOneLine(MAPPER);

    private EvaluationJson() {}

    /**
     * Writes an evaluation.
     *
     * @param file the target, usually {@code <run>/metrics.json}; replaced atomically
     * @param evaluation the result
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, SegmentationEvaluation evaluation) throws IOException {
        AtomicFiles.write(file, WRITER.writeValueAsBytes(toJson(evaluation)));
    }

    /**
     * Reads an evaluation written by {@link #write}.
     *
     * @param file the file
     * @return the evaluation
     * @throws IOException if the file is missing, not JSON, or lacks a field; the message names the
     *     file and the problem
     */
    public static SegmentationEvaluation read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": empty file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an evaluation from the text of a file written by {@link #write} (a run's metrics sent
     * back by a worker).
     *
     * @param json the text
     * @param source what the text came from, for messages
     * @return the evaluation
     * @throws IOException naming the source if the text is not such a file
     */
    public static SegmentationEvaluation parse(String json, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a JSON object");
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(SegmentationEvaluation evaluation) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("label_set", evaluation.labelSet());
        root.put("absent_class_policy", ABSENT_CLASS_POLICY);
        root.put("confusion_layout", CONFUSION_LAYOUT);
        root.put("labelled_pixels", evaluation.labelledPixels());
        putFraction(root, "mean_iou", evaluation.meanIou());
        putFraction(root, "mean_iou_absent_as_zero", evaluation.meanIouAbsentAsZero());
        putFraction(root, "pixel_accuracy", evaluation.pixelAccuracy());
        putFraction(root, "mean_class_accuracy", evaluation.meanClassAccuracy());
        putFraction(root, "frequency_weighted_iou", evaluation.frequencyWeightedIou());
        ArrayNode absent = root.putArray("absent_classes");
        evaluation.absentClasses().forEach(absent::add);
        ArrayNode classes = root.putArray("classes");
        for (ClassScore score : evaluation.classes()) {
            ObjectNode c = classes.addObject();
            c.put("id", score.id());
            c.put("name", score.name());
            putFraction(c, "iou", score.iou());
            putFraction(c, "accuracy", score.accuracy());
            c.put("labelled_pixels", score.labelledPixels());
            c.put("predicted_pixels", score.predictedPixels());
        }
        ArrayNode confusion = root.putArray("confusion");
        for (long[] row : evaluation.confusion()) {
            ArrayNode r = confusion.addArray();
            for (long n : row) {
                r.add(n);
            }
        }
        if (evaluation.cityscapes() != null) {
            putCityscapes(root.putObject("cityscapes"), evaluation.cityscapes());
        }
        return root;
    }

    private static void putCityscapes(ObjectNode node, CityscapesCounts counts) {
        CityscapesScores scores = counts.scores();
        node.put("explanation", CITYSCAPES_EXPLANATION);
        putFraction(node, "mean_iou_classes", scores.averageScoreClasses());
        putFraction(node, "mean_iiou_classes", scores.averageScoreInstClasses());
        putFraction(node, "mean_iou_categories", scores.averageScoreCategories());
        putFraction(node, "mean_iiou_categories", scores.averageScoreInstCategories());
        ObjectNode classIiou = node.putObject("class_iiou");
        counts.classInstances().keySet().forEach(c ->
                putFraction(classIiou, c, scores.classInstScores().get(c)));
        ObjectNode categoryIou = node.putObject("category_iou");
        ObjectNode categoryIiou = node.putObject("category_iiou");
        scores.categoryScores().forEach((c, v) -> {
            if (CityscapesLabels.ofCategory(c).stream().anyMatch(l -> !l.ignoreInEval())) {
                putFraction(categoryIou, c, v); // the 7 evaluated categories, void left out
            }
        });
        counts.categoryInstances().keySet().forEach(c ->
                putFraction(categoryIiou, c, scores.categoryInstScores().get(c)));
        ArrayNode matrix = node.putArray("label_confusion");
        for (long[] row : counts.labelConfusion()) {
            ArrayNode r = matrix.addArray();
            for (long n : row) {
                r.add(n);
            }
        }
        ObjectNode instances = node.putObject("instances");
        putInstances(instances.putObject("classes"), counts.classInstances());
        putInstances(instances.putObject("categories"), counts.categoryInstances());
    }

    private static void putInstances(ObjectNode node, Map<String, InstanceCounts> counts) {
        counts.forEach((name, c) -> {
            ObjectNode o = node.putObject(name);
            o.put("tp", c.tp());
            o.put("fn", c.fn());
            o.put("tp_weighted", c.tpWeighted());
            o.put("fn_weighted", c.fnWeighted());
        });
    }

    private static CityscapesCounts cityscapesFromJson(JsonNode node) {
        JsonNode rows = array(node, "label_confusion");
        long[][] matrix = new long[rows.size()][];
        for (int t = 0; t < rows.size(); t++) {
            JsonNode row = rows.get(t);
            if (!row.isArray()) {
                throw new IllegalArgumentException(
                        "cityscapes.label_confusion row " + t + " is not an array");
            }
            matrix[t] = new long[row.size()];
            for (int p = 0; p < row.size(); p++) {
                if (!row.get(p).isIntegralNumber()) {
                    throw new IllegalArgumentException("cityscapes.label_confusion[" + t + "]["
                            + p + "] is not an integer: " + row.get(p));
                }
                matrix[t][p] = row.get(p).asLong();
            }
        }
        JsonNode instances = required(node, "instances");
        return new CityscapesCounts(matrix, instancesFromJson(required(instances, "classes")),
                instancesFromJson(required(instances, "categories")));
    }

    private static Map<String, InstanceCounts> instancesFromJson(JsonNode node) {
        Map<String, InstanceCounts> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), new InstanceCounts(
                required(e.getValue(), "tp").asLong(), required(e.getValue(), "fn").asLong(),
                required(e.getValue(), "tp_weighted").asDouble(),
                required(e.getValue(), "fn_weighted").asDouble())));
        return out;
    }

    private static void putFraction(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static SegmentationEvaluation fromJson(JsonNode root) {
        String labelSet = required(root, "label_set").asText();
        List<String> names = new ArrayList<>();
        for (JsonNode c : array(root, "classes")) {
            names.add(required(c, "name").asText());
        }
        JsonNode rows = array(root, "confusion");
        long[][] confusion = new long[rows.size()][];
        for (int t = 0; t < rows.size(); t++) {
            JsonNode row = rows.get(t);
            if (!row.isArray()) {
                throw new IllegalArgumentException("confusion row " + t + " is not an array");
            }
            confusion[t] = new long[row.size()];
            for (int p = 0; p < row.size(); p++) {
                if (!row.get(p).isIntegralNumber() || !row.get(p).canConvertToLong()) {
                    throw new IllegalArgumentException(
                            "confusion[" + t + "][" + p + "] is not an integer: " + row.get(p));
                }
                confusion[t][p] = row.get(p).asLong();
            }
        }
        JsonNode cityscapes = root.get("cityscapes");
        return new SegmentationEvaluation(labelSet, names, confusion,
                cityscapes == null || cityscapes.isNull() ? null : cityscapesFromJson(cityscapes));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is not an array");
        }
        return value;
    }
}
