package io.dropclass.evaluation.cityscapes;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dropclass.data.cityscapes.CityscapesFileName;
import io.dropclass.data.cityscapes.CityscapesGroundTruth;
import io.dropclass.data.image.ImageFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixture tree of src/test/resources/cityscapes/official and the official script's results on
 * it, and the file-level evaluation the official script performs: ground truth found as
 * {@code gtFine/<split>/* /*_gtFine_labelIds.png} in sorted order, each prediction found as the one
 * {@code <city>_<seq>_<frame>*.png} anywhere below the results folder.
 */
public final class OfficialFixture {

    private OfficialFixture() {}

    /** The fixture's root (holds gtFine/, leftImg8bit/, results/). */
    public static Path root() {
        try {
            return Path.of(OfficialFixture.class.getResource(
                    "/cityscapes/official/resultPixelLevelSemanticLabeling.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON the official script wrote, NaN tokens allowed. */
    public static JsonNode officialResults() throws IOException {
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(root().resolve("resultPixelLevelSemanticLabeling.json").toFile());
    }

    /** The ground-truth label-id files of a split, sorted by path as the harness sorts them. */
    public static List<Path> groundTruth(Path root, String split) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("gtFine").resolve(split), 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith("_gtFine_labelIds.png"))
                    .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        }
    }

    /**
     * The prediction of a ground-truth file as the official getPrediction finds it.
     *
     * @throws IllegalStateException if none or several match
     */
    public static Path prediction(Path predictions, Path groundTruth) throws IOException {
        String key = CityscapesFileName.parse(groundTruth).orElseThrow().frameKey();
        try (Stream<Path> files = Files.walk(predictions)) {
            List<Path> matches = files.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(key) && name.endsWith(".png");
            }).toList();
            if (matches.size() != 1) {
                throw new IllegalStateException(matches.size() + " predictions for " + key
                        + " below " + predictions + ": " + matches);
            }
            return matches.get(0);
        }
    }

    /** Evaluates a prediction folder against a tree's split as the official script does. */
    public static CityscapesCounts evaluate(Path root, String split, Path predictions) throws IOException {
        CityscapesMetrics metrics = new CityscapesMetrics();
        for (Path gt : groundTruth(root, split)) {
            CityscapesGroundTruth files = CityscapesGroundTruth.of(gt);
            metrics.add(ImageFiles.readLabels(files.labelIds()).labels(),
                    ImageFiles.readInstanceIds(files.instanceIds()).ids(),
                    ImageFiles.readLabels(prediction(predictions, gt)).labels());
        }
        return metrics.counts();
    }
}
