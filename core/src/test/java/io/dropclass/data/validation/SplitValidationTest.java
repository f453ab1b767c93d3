package io.dropclass.data.validation;

import static io.dropclass.data.MaskFixtures.colourPng;
import static io.dropclass.data.MaskFixtures.greyPng;
import static io.dropclass.data.MaskFixtures.rgbPng;
import static io.dropclass.data.MaskFixtures.rows;
import static io.dropclass.data.MaskFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.DatasetKind;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.camvid.CamVidLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each problem kind, on a CamVid tree with one good sample and one bad one. */
class SplitValidationTest {

    @TempDir Path root;

    @BeforeEach
    void goodSample() {
        rgbPng(root.resolve("train/good.png"));
        greyPng(root.resolve("trainannot/good.png"), rows(0, 1, 2, 11));
    }

    private LoadedDataset open(boolean strict) throws IOException {
        return DatasetLoader.open(new DatasetSpec(DatasetKind.CAMVID, root, "train", strict));
    }

    /** The bad sample is skipped with a summary and one line; strict stops with that line. */
    private void assertReported(String line) throws IOException {
        LoadedDataset loaded = open(false);
        assertThat(loaded.dataset().size()).isEqualTo(1);
        assertThat(loaded.warnings())
                .containsExactly(
                        "camvid train: skipped 1 of 2 samples with problems;"
                                + " use --strict (data.strict=true) to stop instead",
                        "camvid train: " + line);
        assertThatThrownBy(() -> open(true))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage("camvid root " + root + ", split train: " + line);
    }

    @Test
    void aCleanSplitHasNoWarnings() throws IOException {
        LoadedDataset loaded = open(true);

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.dataset().size()).isEqualTo(1);
    }

    @Test
    void unknownLabelValues() throws IOException {
        rgbPng(root.resolve("train/bad.png"));
        greyPng(root.resolve("trainannot/bad.png"), rows(1, 17, 12, 1));

        assertReported(
                "unknown label values: 1 file (trainannot/bad.png: 12, 17); masks must hold class"
                    + " ids 0..K-1 or 255 (ignore); check the class list");
    }

    @Test
    void colourMaskWhereIndicesAreExpected() throws IOException {
        rgbPng(root.resolve("train/bad.png"));
        colourPng(root.resolve("trainannot/bad.png"), rows(0x808080, 0x800000, 0, 0));

        assertReported(
                "colour-coded mask where class indices are expected: 1 file"
                        + " (trainannot/bad.png: 3 channels); "
                        + ProblemKind.COLOUR_MASK.fix());
    }

    @Test
    void binaryMaskSavedAs0And255() throws IOException {
        rgbPng(root.resolve("train/bad.png"));
        greyPng(root.resolve("trainannot/bad.png"), rows(0, 255, 255, 0));

        assertReported(
                "mask holds only 0 and 255 (a binary mask saved as 0/255?): 1 file"
                        + " (trainannot/bad.png); "
                        + ProblemKind.BINARY_MASK.fix());
    }

    @Test
    void imageAndMaskSizesDiffer() throws IOException {
        rgbPng(root.resolve("train/bad.png"), 4, 6);
        greyPng(root.resolve("trainannot/bad.png"), rows(0, 1, 2));

        assertReported(
                "image and mask sizes differ: 1 file (trainannot/bad.png: image 6x4,"
                        + " mask 6x3); "
                        + ProblemKind.SIZE_MISMATCH.fix());
    }

    @Test
    void unreadableFiles() throws IOException {
        text(root.resolve("train/bad.png"), "not an image");
        greyPng(root.resolve("trainannot/bad.png"), rows(0, 1, 2, 3));

        assertReported(
                "unreadable file: 1 file (train/bad.png: not a PNG, JPEG or BMP image); "
                        + ProblemKind.UNREADABLE.fix());
    }

    @Test
    void truncatedMask() throws IOException {
        rgbPng(root.resolve("train/bad.png"));
        Path mask = greyPng(root.resolve("trainannot/bad.png"), rows(0, 1, 2, 3));
        byte[] bytes = Files.readAllBytes(mask);
        Files.write(mask, java.util.Arrays.copyOf(bytes, 20));

        assertReported(
                "unreadable file: 1 file (trainannot/bad.png: truncated PNG header); "
                        + ProblemKind.UNREADABLE.fix());
    }

    @Test
    void missingPairFromAList() throws IOException {
        text(
                root.resolve("train.txt"),
                "/CamVid/train/good.png /CamVid/trainannot/good.png\n"
                        + "/CamVid/train/gone.png /CamVid/trainannot/gone.png\n");

        assertReported(
                "image/mask pair incomplete: 1 file (train/gone.png: listed image does not"
                        + " exist); "
                        + ProblemKind.MISSING_PAIR.fix());
    }

    @Test
    void linesNameTheFirstFilesAndCountTheRest() throws IOException {
        for (String name : List.of("b1", "b2", "b3", "b4", "b5")) {
            rgbPng(root.resolve("train/" + name + ".png"));
        }

        LoadedDataset loaded = open(false);

        assertThat(loaded.warnings().get(1))
                .startsWith(
                        "camvid train: image/mask pair incomplete: 5 files (train/b1.png: no"
                                + " mask, train/b2.png: no mask, train/b3.png: no mask, ...); ");
    }

    @Test
    void problemsFoundAfterTheScanStopGetWithTheFileAndTheFix() throws IOException {
        rgbPng(root.resolve("train/late.png"));
        Path bad = greyPng(root.resolve("trainannot/late.png"), rows(3, 3, 40, 3));
        DatasetSource source = CamVidLayout.list(root, "train");

        SplitScanner.SplitScan scan = SplitScanner.scan(source, 0);
        CheckedPairDataset ds = new CheckedPairDataset(source, scan.valid());

        assertThat(scan.report().isEmpty()).isTrue();
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.get(0).labelAt(0)).isEqualTo(0);
        assertThatThrownBy(() -> ds.get(1))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessage(
                        bad + ": unknown label values (40); " + ProblemKind.UNKNOWN_LABEL.fix());
    }

    @Test
    void noUsableSampleStopsEvenWhenLenient() throws IOException {
        Files.delete(root.resolve("trainannot/good.png"));

        assertThatThrownBy(() -> open(false))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith("no usable samples: camvid root " + root)
                .hasMessageContaining("train/good.png: no mask");
    }

    @Test
    void fingerprintsDependOnTheFileList() throws IOException {
        String before = open(true).dataset().fingerprint();
        rgbPng(root.resolve("train/more.png"));
        greyPng(root.resolve("trainannot/more.png"), rows(1, 1, 1, 1));

        String after = open(true).dataset().fingerprint();

        assertThat(before).startsWith("camvid:train:n=1:");
        assertThat(after).startsWith("camvid:train:n=2:");
        assertThat(after.substring(17)).isNotEqualTo(before.substring(17));
        assertThat(open(true).dataset().fingerprint()).isEqualTo(after);
    }
}
