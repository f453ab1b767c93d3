package io.dropclass.data.validation;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.LabelMap;
import io.dropclass.data.image.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A dataset of image/mask file pairs, read at full resolution when asked for. Every mask is checked
 * as it is read; a problem the scan did not see stops with an {@link InvalidSampleException} that
 * names the file and the fix, never a silently wrong sample. Immutable and thread-safe.
 */
public final class CheckedPairDataset implements SegmentationDataset {

    private final DatasetSource source;
    private final List<SamplePair> pairs;
    private final String fingerprint;

    /**
     * Creates the dataset.
     *
     * @param source the split's source (name, classes, decoder)
     * @param pairs the pairs to serve (normally the scan's valid pairs)
     */
    public CheckedPairDataset(DatasetSource source, List<SamplePair> pairs) {
        this.source = source;
        this.pairs = List.copyOf(pairs);
        this.fingerprint =
                source.name()
                        + ":"
                        + source.split()
                        + ":n="
                        + pairs.size()
                        + ":"
                        + hash(source, this.pairs);
    }

    @Override
    public ClassCatalog classes() {
        return source.catalog();
    }

    @Override
    public int size() {
        return pairs.size();
    }

    /**
     * The files of one sample.
     *
     * @param index 0..size()-1
     * @return its image and mask files
     */
    public SamplePair pair(int index) {
        return pairs.get(index);
    }

    @Override
    public SegmentationSample get(int index) {
        SamplePair pair = pairs.get(index);
        RgbImage image;
        DecodedMask mask;
        try {
            image = ImageFiles.read(pair.image());
        } catch (IOException e) {
            throw late(new Problem(ProblemKind.UNREADABLE, pair.image(), detail(pair, e)), e);
        }
        try {
            mask = source.decoder().decode(pair.mask());
        } catch (IOException e) {
            throw late(new Problem(ProblemKind.UNREADABLE, pair.mask(), detail(pair, e)), e);
        }
        LabelMap labels = mask.labels();
        if (labels.height() != image.height() || labels.width() != image.width()) {
            String sizes =
                    "image "
                            + image.width()
                            + "x"
                            + image.height()
                            + ", mask "
                            + labels.width()
                            + "x"
                            + labels.height();
            throw late(new Problem(ProblemKind.SIZE_MISMATCH, pair.mask(), sizes), null);
        }
        LabelCheck.check(pair.mask(), mask, source.catalog().size())
                .ifPresent(
                        p -> {
                            throw late(p, null);
                        });
        return new SegmentationSample(
                image.height(), image.width(), image.planar(), labels.labels());
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    private static String detail(SamplePair pair, IOException e) {
        String withImage = SplitScanner.detail(pair.image(), e);
        return withImage.equals(e.getMessage()) ? SplitScanner.detail(pair.mask(), e) : withImage;
    }

    private static InvalidSampleException late(Problem problem, Throwable cause) {
        return new InvalidSampleException(problem.message(), cause);
    }

    private static String hash(DatasetSource source, List<SamplePair> pairs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SamplePair p : pairs) {
                String line = source.relative(p.image()) + "\t" + source.relative(p.mask()) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
