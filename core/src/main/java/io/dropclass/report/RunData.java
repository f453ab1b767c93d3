package io.dropclass.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.ClassScore;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the report shows of one run, read from the run directory's files only: config.json,
 * manifest.json, class_stats.json, history.csv, validation.csv, metrics.json and the optional
 * analysis/ files. Every file but config.json may be missing (a run that failed early); the
 * matching fields are then empty, NaN or null.
 *
 * @param dir the run directory
 * @param name the run name (config {@code name}, else the directory name)
 * @param method the method (config {@code method.name}), "unknown" when absent
 * @param architecture the model (config {@code model.architecture}), "" when absent
 * @param seed the seed (manifest, else config {@code runtime.seed}), -1 when unknown
 * @param status the manifest status ("finished", "failed", "interrupted", "running"), or
 *     "unknown" when there is no manifest
 * @param configJson the resolved config, pretty-printed
 * @param manifest the manifest as JSON (an empty object when missing)
 * @param shares class name to pixel share (a fraction), in id order; empty when unknown
 * @param classIou class name to final IoU (a fraction, NaN when undefined), in id order
 * @param miou the final mIoU (absent classes left out), NaN when unknown
 * @param rareMiou the final rare-class mIoU (share under 1 %), NaN when unknown
 * @param pixelAccuracy the final pixel accuracy, NaN when unknown
 * @param iiou the final official Cityscapes iIoU (mean over the classes with instances), NaN when
 *     the run's dataset has no instances or metrics.json lacks them
 * @param history history.csv (empty when missing)
 * @param validation validation.csv (empty when missing)
 * @param similarity analysis/similarity.json, or null
 * @param camPanels analysis/cam/*.png, sorted
 * @param predictionPanels analysis/predictions/*.png, sorted
 */
public record RunData(
        Path dir,
        String name,
        String method,
        String architecture,
        long seed,
        String status,
        String configJson,
        JsonNode manifest,
        Map<String, Double> shares,
        Map<String, Double> classIou,
        double miou,
        double rareMiou,
        double pixelAccuracy,
        double iiou,
        CsvTable history,
        CsvTable validation,
        Similarity similarity,
        List<Path> camPanels,
        List<Path> predictionPanels) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the collections. */
    public RunData {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        classIou = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classIou));
        camPanels = List.copyOf(camPanels);
        predictionPanels = List.copyOf(predictionPanels);
    }

    /**
     * Whether the run ended normally.
     *
     * @return true when the manifest status is "finished"
     */
    public boolean finished() {
        return "finished".equals(status);
    }

    /**
     * Reads a run directory.
     *
     * @param dir the run directory
     * @return what the report needs
     * @throws IOException if the directory or its config.json is missing, or a file present is
     *     not readable; the message names the file
     */
    public static RunData read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a run directory (no such directory)");
        }
        JsonNode config = json(dir.resolve("config.json"), true);
        JsonNode manifest = json(dir.resolve("manifest.json"), false);
        String name = config.path("name").asText("");
        if (name.isBlank()) {
            Path fileName = dir.toAbsolutePath().normalize().getFileName();
            name = fileName == null ? dir.toString() : fileName.toString();
        }
        String method = config.path("method").path("name").asText("unknown");
        String architecture = config.path("model").path("architecture").asText("");
        long seed = manifest.has("seed") ? manifest.path("seed").asLong(-1)
                : config.path("runtime").path("seed").asLong(-1);
        String status = manifest.path("status").asText("unknown");

        Map<String, Double> shares = shares(json(dir.resolve("class_stats.json"), false));
        Set<String> rare = new TreeSet<>();
        shares.forEach((className, share) -> {
            if (share < ClassStatistics.RARE_SHARE) {
                rare.add(className);
            }
        });
        CsvTable validation = CsvTable.read(dir.resolve("validation.csv"));
        Path metrics = dir.resolve("metrics.json");
        FinalScores scores = Files.isRegularFile(metrics)
                ? FinalScores.of(EvaluationJson.read(metrics), rare)
                : FinalScores.of(validation);
        Path analysis = dir.resolve("analysis");
        Path similarityFile = analysis.resolve("similarity.json");
        Similarity similarity = Files.isRegularFile(similarityFile)
                ? Similarity.fromJson(json(similarityFile, true), similarityFile.toString())
                : null;
        return new RunData(dir, name, method, architecture, seed, status,
                MAPPER.writeValueAsString(config), manifest, shares, scores.classIou(),
                scores.miou(), scores.rareMiou(), scores.pixelAccuracy(), scores.iiou(),
                CsvTable.read(dir.resolve("history.csv")), validation, similarity,
                pngs(analysis.resolve("cam")), pngs(analysis.resolve("predictions")));
    }

    /** Class name → pixel share, from class_stats.json (empty when missing). */
    private static Map<String, Double> shares(JsonNode stats) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (JsonNode c : stats.path("classes")) {
            double share = c.path("share").asDouble(Double.NaN);
            shares.put(c.path("name").asText("class " + c.path("id").asText()), share);
        }
        return shares;
    }

    /** The run's final scores: from metrics.json, else validation.csv's last row, else unknown. */
    private record FinalScores(Map<String, Double> classIou, double miou, double rareMiou,
            double pixelAccuracy, double iiou) {

        static FinalScores of(SegmentationEvaluation evaluation, Set<String> rare) {
            Map<String, Double> classIou = new LinkedHashMap<>();
            List<Integer> rareIds = new ArrayList<>();
            for (ClassScore s : evaluation.classes()) {
                classIou.put(s.name(), s.iou());
                if (rare.contains(s.name())) {
                    rareIds.add(s.id());
                }
            }
            double rareMiou = rareIds.isEmpty() ? Double.NaN
                    : evaluation.meanIou(rareIds, AbsentClassPolicy.PRESENT);
            return new FinalScores(classIou, evaluation.meanIou(), rareMiou,
                    evaluation.pixelAccuracy(), evaluation.meanInstanceIou());
        }

        static FinalScores of(CsvTable validation) {
            Map<String, Double> classIou = new LinkedHashMap<>();
            if (validation.rows().isEmpty()) {
                return new FinalScores(classIou, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] last = validation.rows().get(validation.rows().size() - 1);
            for (int i = 0; i < validation.columns().size(); i++) {
                String column = validation.columns().get(i);
                if (column.startsWith("iou_")) {
                    classIou.put(column.substring(4), last[i]);
                }
            }
            return new FinalScores(classIou, lastValue(validation, "miou"),
                    lastValue(validation, "rare_miou"), lastValue(validation, "pixel_accuracy"),
                    Double.NaN);
        }
    }

    private static double lastValue(CsvTable table, String column) {
        double[] values = table.column(column);
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    private static JsonNode json(Path file, boolean required) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IOException(file + ": missing; is this a run directory?");
            }
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IOException(file + ": expected a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static List<Path> pngs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".png")).filter(Files::isRegularFile).sorted().toList();
        }
    }
}
