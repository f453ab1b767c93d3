package io.dropclass.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A class-similarity matrix read from {@code analysis/similarity.json}: an object with the class
 * order under {@code classes} (or {@code class_names}; names, or objects with a {@code name}) and
 * a K×K {@code matrix} (or {@code similarity}); null cells read NaN.
 *
 * @param classes the class names in matrix order
 * @param matrix the K×K values
 */
public record Similarity(List<String> classes, double[][] matrix) {

    /** Copies the class list. */
    public Similarity {
        classes = List.copyOf(classes);
    }

    static Similarity fromJson(JsonNode root, String file) throws IOException {
        JsonNode names = first(root, "classes", "class_names", "names");
        JsonNode rows = first(root, "matrix", "similarity", "values");
        if (names == null || !names.isArray() || rows == null || !rows.isArray()) {
            throw new IOException(file + ": expected 'classes' and 'matrix' arrays");
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode n : names) {
            classes.add(n.isObject() ? n.path("name").asText("?") : n.asText());
        }
        int k = classes.size();
        if (rows.size() != k) {
            throw new IOException(file + ": matrix has " + rows.size() + " rows for " + k
                    + " classes");
        }
        double[][] matrix = new double[k][k];
        for (int r = 0; r < k; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != k) {
                throw new IOException(file + ": matrix row " + r + " does not have " + k
                        + " values");
            }
            for (int c = 0; c < k; c++) {
                JsonNode v = row.get(c);
                matrix[r][c] = v.isNumber() ? v.asDouble() : Double.NaN;
            }
        }
        return new Similarity(classes, matrix);
    }

    private static JsonNode first(JsonNode root, String... keys) {
        for (String key : keys) {
            if (root.has(key)) {
                return root.get(key);
            }
        }
        return null;
    }
}
