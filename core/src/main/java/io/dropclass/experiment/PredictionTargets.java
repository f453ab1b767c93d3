package io.dropclass.experiment;

import io.dropclass.data.validation.ImageHeader;
import io.dropclass.report.image.PredictionFormat;
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
 * What {@code predict} will write, checked before the network is loaded: the input images, one
 * file per image and format, no two inputs writing one file, no input overwritten, and for
 * {@code cityscapes} one input per frame.
 */
final class PredictionTargets {

    private static final Set<String> IMAGE_SUFFIXES = Set.of(".png", ".jpg", ".jpeg", ".bmp");

    private final List<Path> images;
    private final Path output;
    /** Cityscapes frame key → its input (empty unless the cityscapes format is asked for). */
    private final Map<String, Path> frames;

    private PredictionTargets(List<Path> images, Path output, Map<String, Path> frames) {
        this.images = List.copyOf(images);
        this.output = output;
        this.frames = frames;
    }

    /**
     * Checks the targets of the images.
     *
     * @param images the input images
     * @param output the output folder
     * @param formats what to write per image
     * @return the checked plan
     * @throws IllegalArgumentException if two inputs write one file or share a Cityscapes frame,
     *     or a prediction would overwrite an input
     */
    static PredictionTargets of(List<Path> images, Path output, List<PredictionFormat> formats) {
        boolean cityscapes = formats.contains(PredictionFormat.CITYSCAPES);
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
        return new PredictionTargets(images, output, frames);
    }

    /**
     * The input images, in order.
     *
     * @return the files
     */
    List<Path> images() {
        return images;
    }

    /**
     * Other PNG files below the output that the official evaluation would take as predictions of
     * the frames just written (it matches {@code <city>_<seq>_<frame>*.png} recursively).
     */
    Optional<String> strayMatches(List<Path> written) throws IOException {
        Set<String> frames = this.frames.keySet();
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

    /**
     * The images of the inputs: files as given, folders' images sorted (recursively if asked),
     * each header read so a broken input stops before any mask is written.
     *
     * @param inputs image files or folders of images
     * @param recursive whether to search folders recursively
     * @return the image files
     * @throws IOException if an input is missing or unreadable, or there is no image at all
     */
    static List<Path> expand(List<Path> inputs, boolean recursive) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> files = recursive ? Files.walk(input) : Files.list(input)) {
                    files.filter(PredictionTargets::isImage).sorted().forEach(images::add);
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
