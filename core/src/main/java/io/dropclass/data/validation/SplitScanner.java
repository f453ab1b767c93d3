package io.dropclass.data.validation;

import io.dropclass.data.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans a split once before training: that both files of every pair exist, that their headers are
 * readable, that image and mask sizes agree and that masks are single-channel where indices are
 * expected. The first few pairs are also decoded in full and their label values checked, so
 * systematic problems (0/255 masks, a wrong class list) stop the load at once; the other masks are
 * checked when {@link CheckedPairDataset#get(int)} reads them.
 */
public final class SplitScanner {

    /** How many pairs are decoded in full during the scan by default. */
    public static final int DEFAULT_EAGER_CHECKS = 16;

    private SplitScanner() {}

    /**
     * The result of a scan.
     *
     * @param valid the pairs without problems, in the source's order
     * @param report the problems
     */
    public record SplitScan(List<SamplePair> valid, ValidationReport report) {

        /** Copies the list. */
        public SplitScan {
            valid = List.copyOf(valid);
        }
    }

    /**
     * Scans a split.
     *
     * @param source the listed pairs
     * @param eagerChecks how many of the first pairs to decode in full
     * @return the valid pairs and the report
     */
    public static SplitScan scan(DatasetSource source, int eagerChecks) {
        List<Problem> problems = new ArrayList<>(source.listingProblems());
        List<SamplePair> valid = new ArrayList<>();
        int index = 0;
        for (SamplePair pair : source.pairs()) {
            Optional<Problem> problem = checkFiles(pair, source.decoder());
            if (problem.isEmpty() && index < eagerChecks) {
                problem = checkContent(pair, source);
            }
            problem.ifPresentOrElse(problems::add, () -> valid.add(pair));
            index++;
        }
        return new SplitScan(valid, new ValidationReport(source, problems));
    }

    private static Optional<Problem> checkFiles(SamplePair pair, MaskDecoder decoder) {
        for (Path file : List.of(pair.image(), pair.mask())) {
            if (!Files.isRegularFile(file)) {
                String what = file == pair.image() ? "image" : "mask";
                return problem(
                        ProblemKind.MISSING_PAIR, file, "listed " + what + " does not exist");
            }
        }
        ImageHeader image;
        ImageHeader mask;
        try {
            image = ImageHeader.read(pair.image());
        } catch (IOException e) {
            return problem(ProblemKind.UNREADABLE, pair.image(), detail(pair.image(), e));
        }
        try {
            mask = ImageHeader.read(pair.mask());
        } catch (IOException e) {
            return problem(ProblemKind.UNREADABLE, pair.mask(), detail(pair.mask(), e));
        }
        return checkMaskHeader(pair.mask(), mask, decoder)
                .or(() -> checkSizes(pair.mask(), image, mask));
    }

    private static Optional<Problem> checkMaskHeader(
            Path file, ImageHeader mask, MaskDecoder decoder) {
        if (!mask.png()) {
            return problem(ProblemKind.UNREADABLE, file, "masks must be PNG files");
        }
        if (mask.channels() >= 3 && !decoder.acceptsColour()) {
            return problem(ProblemKind.COLOUR_MASK, file, mask.channels() + " channels");
        }
        if (mask.channels() == 2 || mask.bitDepth() > 8) {
            return problem(
                    ProblemKind.UNREADABLE,
                    file,
                    "expected an 8-bit label image, got "
                            + mask.channels()
                            + " channels of "
                            + mask.bitDepth()
                            + " bits");
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkSizes(Path file, ImageHeader image, ImageHeader mask) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            return problem(
                    ProblemKind.SIZE_MISMATCH,
                    file,
                    "image "
                            + image.width()
                            + "x"
                            + image.height()
                            + ", mask "
                            + mask.width()
                            + "x"
                            + mask.height());
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkContent(SamplePair pair, DatasetSource source) {
        try {
            ImageFiles.read(pair.image());
        } catch (IOException e) {
            return problem(ProblemKind.UNREADABLE, pair.image(), detail(pair.image(), e));
        }
        try {
            DecodedMask decoded = source.decoder().decode(pair.mask());
            return LabelCheck.check(pair.mask(), decoded, source.catalog().size());
        } catch (IOException e) {
            return problem(ProblemKind.UNREADABLE, pair.mask(), detail(pair.mask(), e));
        }
    }

    /**
     * An exception's message without the file name it usually starts with.
     *
     * @param file the file
     * @param e the exception
     * @return the rest of the message
     */
    static String detail(Path file, IOException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static Optional<Problem> problem(ProblemKind kind, Path file, String detail) {
        return Optional.of(new Problem(kind, file, detail));
    }
}
