package io.dropclass.experiment;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.validation.ImageHeader;
import io.dropclass.report.image.PredictionFormat;
import io.dropclass.scale.PartitionExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code predict}: the inputs and their targets checked on the driver (one prediction per target
 * and per Cityscapes frame, no input overwritten), then the images predicted by a
 * {@link PartitionExecutor} (in this process or spread over workers), each format written per
 * image.
 */
final class Predictions {

    private static final Set<String> IMAGE_SUFFIXES = Set.of(".png", ".jpg", ".jpeg", ".bmp");

    private Predictions() {}

    /**
     * Predicts images and writes each prediction in each format (see {@link PredictionFormat}).
     * Every check comes before the network is loaded: the formats against the checkpoint's classes
     * and the input names, no two inputs writing one file, no input overwritten. For {@code
     * cityscapes}, folders are searched recursively (a {@code leftImg8bit/<split>} folder holds one
     * folder per city), and a warning names other PNG files in the output that the official
     * evaluation would match to the same frames.
     *
     * @param config the configuration (model)
     * @param checkpoint the weights
     * @param inputs image files or folders of images
     * @param output the output folder
     * @param formats what to write per image
     * @param executor predicts the images: in this process, or spread over workers
     * @return the files written and the warnings
     * @throws IOException if an input or the checkpoint cannot be read, or the output written
     * @throws IllegalArgumentException if the formats do not fit the checkpoint or the inputs
     */
    static Inference.Predicted predict(ExperimentConfig config, Path checkpoint, List<Path> inputs,
            Path output, List<PredictionFormat> formats, PartitionExecutor executor)
            throws IOException {
        boolean cityscapes = formats.contains(PredictionFormat.CITYSCAPES);
        List<Path> images = expand(inputs, cityscapes);
        ClassCatalog classes = Datasets.catalog(config);
        if (cityscapes) {
            PredictionFormat.requireCityscapes(classes);
        }
        Map<Path, Path> targets = new LinkedHashMap<>(); // target -> input
        Set<Path> inputFiles = new HashSet<>();
        for (Path image : images) {
            inputFiles.add(image.toAbsolutePath().normalize());
        }
        Map<String, Path> frames = new HashMap<>();
        for (Path image : images) {
            if (cityscapes) {
                String key = PredictionFormat.frame(image).frameKey();
                Path other = frames.putIfAbsent(key, image);
                if (other != null) {
                    throw new IllegalArgumentException("input " + image + ": the same frame " + key
                            + " as " + other + "; the official evaluation needs one prediction"
                            + " per frame, so leave one of them out");
                }
            }
            for (PredictionFormat format : formats) {
                Path target = format.target(output, image).toAbsolutePath().normalize();
                Path other = targets.putIfAbsent(target, image);
                if (other != null) {
                    throw new IllegalArgumentException("input " + image + ": its prediction "
                            + target + " is also that of " + other + "; give inputs of different"
                            + " names, or predict them into different --output folders");
                }
                if (inputFiles.contains(target)) {
                    throw new IllegalArgumentException("--output " + output + ": the prediction "
                            + target + " would overwrite an input image; give another --output"
                            + " folder");
                }
            }
        }
        Files.createDirectories(output);
        executor.run(new DatasetJobs.Prediction(ConfigFiles.toJson(config),
                checkpoint.toAbsolutePath().toString(),
                images.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                output.toAbsolutePath().toString(), formats));
        List<Path> written = new ArrayList<>();
        for (Path file : images) {
            for (PredictionFormat format : formats) {
                written.add(format.target(output, file));
            }
        }
        List<String> warnings = new ArrayList<>();
        if (cityscapes) {
            strayMatches(output, frames.keySet(), written).ifPresent(warnings::add);
        }
        return new Inference.Predicted(written, warnings);
    }

    /**
     * Other PNG files below the output that the official evaluation would take as predictions of
     * the frames just written (it matches {@code <city>_<seq>_<frame>*.png} recursively).
     */
    private static Optional<String> strayMatches(Path output, Set<String> frames,
            List<Path> written) throws IOException {
        Set<Path> ours = new HashSet<>();
        written.forEach(p -> ours.add(p.toAbsolutePath().normalize()));
        List<Path> stray = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".png") && !ours.contains(p.toAbsolutePath().normalize())
                        && frames.stream().anyMatch(name::startsWith)) {
                    stray.add(p);
                }
            });
        }
        if (stray.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(output + ": " + stray.size() + " other PNG file(s) start with a frame"
                + " name just predicted, e.g. " + stray.get(0) + "; the official evaluation would"
                + " find two predictions for those frames, so evaluate a folder that holds only"
                + " this run's predictions");
    }

    private static List<Path> expand(List<Path> inputs, boolean recursive) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> files = recursive ? Files.walk(input) : Files.list(input)) {
                    files.filter(Predictions::isImage).sorted().forEach(images::add);
                }
            } else if (Files.isRegularFile(input)) {
                images.add(input);
            } else {
                throw new IOException("input " + input
                        + ": no such file or folder; check the path");
            }
        }
        for (Path image : images) {
            try {
                ImageHeader.read(image); // a broken input stops here, before any mask is written
            } catch (IOException e) {
                throw new IOException("input " + e.getMessage()
                        + "; re-convert it (PNG, JPEG or BMP) or leave it out", e);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no images (.png, .jpg, .jpeg, .bmp) in " + inputs
                    + "; give image files or folders that hold them");
        }
        return images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
