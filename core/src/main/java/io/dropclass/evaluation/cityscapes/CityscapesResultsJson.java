package io.dropclass.evaluation.cityscapes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dropclass.data.cityscapes.CityscapesLabels;
import io.dropclass.results.AtomicFiles;
import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code cityscapes_results.json}, shaped as the {@code
 * resultPixelLevelSemanticLabeling.json} of the official evaluation script: the same keys ({@code
 * averageScoreCategories}, {@code averageScoreClasses}, {@code averageScoreInstCategories}, {@code
 * averageScoreInstClasses}, {@code categoryInstScores}, {@code categoryScores}, {@code
 * classInstScores}, {@code classScores}, {@code confMatrix}, {@code labels}, {@code priors}),
 * sorted as the script sorts them, scores keyed by the official label and category names,
 * fractions in [0, 1].
 *
 * <p>One difference: an undefined score is {@code null} here, where the script writes a bare
 * {@code NaN}, which is not JSON (the toolkit's rule for every result file, see {@code
 * EvaluationJson}).
 */
public final class CityscapesResultsJson {

    /** The file name {@code dropclass evaluate} writes. */
    public static final String FILE_NAME = "cityscapes_results.json";

    private static final ObjectWriter WRITER = ResultFiles.arraysOnOneLine(new ObjectMapper());

    private CityscapesResultsJson() {}

    /**
     * Writes the results of some counts.
     *
     * @param file the target, replaced atomically
     * @param counts the counts
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, CityscapesCounts counts) throws IOException {
        AtomicFiles.write(file, WRITER.writeValueAsBytes(document(counts)));
    }

    /**
     * The document as nested maps (sorted keys, NaN as null).
     *
     * @param counts the counts
     * @return the document
     */
    public static Map<String, Object> document(CityscapesCounts counts) {
        CityscapesScores s = counts.scores();
        Map<String, Object> doc = new TreeMap<>();
        doc.put("averageScoreCategories", orNull(s.averageScoreCategories()));
        doc.put("averageScoreClasses", orNull(s.averageScoreClasses()));
        doc.put("averageScoreInstCategories", orNull(s.averageScoreInstCategories()));
        doc.put("averageScoreInstClasses", orNull(s.averageScoreInstClasses()));
        doc.put("categoryInstScores", sorted(s.categoryInstScores()));
        doc.put("categoryScores", sorted(s.categoryScores()));
        doc.put("classInstScores", sorted(s.classInstScores()));
        doc.put("classScores", sorted(s.classScores()));
        List<long[]> rows = new ArrayList<>(List.of(counts.labelConfusion()));
        doc.put("confMatrix", rows);
        Map<String, Object> labels = new TreeMap<>();
        Map<String, Object> priors = new TreeMap<>();
        for (int id = 0; id < CityscapesLabels.LABEL_IDS; id++) {
            String name = CityscapesLabels.byId(id).name();
            labels.put(name, id);
            priors.put(name, orNull(counts.prior(id)));
        }
        doc.put("labels", labels);
        doc.put("priors", priors);
        return doc;
    }

    private static Map<String, Object> sorted(Map<String, Double> scores) {
        Map<String, Object> out = new TreeMap<>();
        scores.forEach((k, v) -> out.put(k, orNull(v)));
        return out;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
