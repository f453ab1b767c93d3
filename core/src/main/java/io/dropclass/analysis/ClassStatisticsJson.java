package io.dropclass.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@link ClassStatistics} and the default class weights as JSON:
 *
 * <pre>{@code
 * {"dataset", "split", "images", "ignored_pixels",
 *  "classes": [{"id", "name", "pixels", "share", "images"}],
 *  "weights": {"inverse": [...], "median_frequency": [...], "enet": [...],
 *              "effective_number": [...]}}
 * }</pre>
 *
 * <p>Ids are train ids; {@code share} is over non-ignored pixels, in [0, 1], {@code null} when the
 * dataset has no labelled pixels. The weights are {@link ClassWeights}' defaults: unclipped inverse
 * frequency, median frequency, ENet with k = 1.02, effective number with β = 0.9999 on image
 * counts; classes without pixels get 0. The file is written atomically (temporary file and rename).
 */
public final class ClassStatisticsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = ResultFiles.arraysOnOneLine(MAPPER);

    private ClassStatisticsJson() {}

    /**
     * Writes the statistics and their weights.
     *
     * @param file the target, replaced atomically
     * @param dataset the dataset's name (or fingerprint)
     * @param split the split counted, e.g. {@code "train"}
     * @param stats the statistics
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String dataset, String split, ClassStatistics stats)
            throws IOException {
        AtomicFiles.write(file, WRITER.writeValueAsBytes(toJson(dataset, split, stats)));
    }

    private static ObjectNode toJson(String dataset, String split, ClassStatistics stats) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dataset", dataset);
        root.put("split", split);
        root.put("images", stats.images());
        root.put("ignored_pixels", stats.ignoredPixels());
        ArrayNode classes = root.putArray("classes");
        for (ClassCount c : stats.classes()) {
            ObjectNode node = classes.addObject();
            node.put("id", c.id());
            node.put("name", c.name());
            node.put("pixels", c.pixels());
            if (Double.isNaN(c.share())) {
                node.putNull("share");
            } else {
                node.put("share", c.share());
            }
            node.put("images", c.images());
        }
        ObjectNode weights = root.putObject("weights");
        putWeights(weights, ClassWeights.inverseFrequency(stats));
        putWeights(weights, ClassWeights.medianFrequency(stats));
        putWeights(weights, ClassWeights.enet(stats));
        putWeights(weights, ClassWeights.effectiveNumber(stats));
        return root;
    }

    private static void putWeights(ObjectNode weights, ClassWeightVector vector) {
        ArrayNode values = weights.putArray(vector.scheme());
        vector.weights().forEach(values::add);
    }
}
