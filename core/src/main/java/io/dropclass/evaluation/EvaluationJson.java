package io.dropclass.evaluation;

import io.dropclass.results.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER =
            MAPPER.writer(
                    new DefaultPrettyPrinter()
                            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

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
        return root;
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
        return new SegmentationEvaluation(labelSet, names, confusion);
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
