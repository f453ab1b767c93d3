package io.dropclass.data.cityscapes;

import static io.dropclass.data.MaskFixtures.flat;
import static io.dropclass.data.MaskFixtures.greyPng;
import static io.dropclass.data.MaskFixtures.labels;
import static io.dropclass.data.MaskFixtures.rgbPng;
import static io.dropclass.data.MaskFixtures.rows;
import static io.dropclass.data.MaskFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.DatasetKind;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.validation.InvalidDatasetException;
import io.dropclass.data.validation.LoadedDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityscapesLayoutTest {

    @TempDir Path root;

    private void city(String split, String city, String base, int[][] labelIds) {
        rgbPng(root.resolve("leftImg8bit/" + split + "/" + city + "/" + base + "_leftImg8bit.png"));
        greyPng(
                root.resolve("gtFine/" + split + "/" + city + "/" + base + "_gtFine_labelIds.png"),
                labelIds);
    }

    private LoadedDataset open(String split, boolean strict) throws IOException {
        return DatasetLoader.open(new DatasetSpec(DatasetKind.CITYSCAPES, root, split, strict));
    }

    @Test
    void labelIdsMapToTrainIdsAndOtherIdsToIgnore() throws IOException {
        city("train", "aachen", "aachen_000000_000019", rows(7, 26, 0, 4));

        LoadedDataset loaded = open("train", true);

        SegmentationDataset ds = loaded.dataset();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.classes().size()).isEqualTo(19);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(0, 13, 255, 255)));
        assertThat(ds.get(0).height()).isEqualTo(4);
        assertThat(ds.get(0).width()).isEqualTo(6);
        assertThat(ds.fingerprint()).matches("cityscapes:train:n=1:[0-9a-f]{16}");
    }

    @Test
    void trainIdMasksArePreferredOverLabelIds() throws IOException {
        city("val", "lindau", "lindau_000000_000019", rows(7, 7, 7, 7));
        greyPng(
                root.resolve("gtFine/val/lindau/lindau_000000_000019_gtFine_labelTrainIds.png"),
                rows(5, 18, 255, 0));
        city("val", "munster", "munster_000001_000019", rows(8, 8, 11, 33));

        SegmentationDataset ds = open("val", true).dataset();

        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(5, 18, 255, 0)));
        assertThat(labels(ds.get(1))).containsExactly(flat(rows(1, 1, 2, 18)));
    }

    @Test
    void listFilesNamePairsRelativeToTheRoot() throws IOException {
        city("train", "bremen", "bremen_000000_000019", rows(7, 26, 0, 4));
        city("train", "aachen", "aachen_000000_000019", rows(26, 26, 26, 26));
        text(
                root.resolve("list/train.lst"),
                "leftImg8bit/train/bremen/bremen_000000_000019_leftImg8bit.png\t"
                        + "gtFine/train/bremen/bremen_000000_000019_gtFine_labelIds.png\n"
                        + "leftImg8bit/train/aachen/aachen_000000_000019_leftImg8bit.png  "
                        + "gtFine/train/aachen/aachen_000000_000019_gtFine_labelIds.png\n");

        SegmentationDataset ds = open("list/train.lst", true).dataset();

        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(0, 13, 255, 255)));
        assertThat(labels(ds.get(1))).containsExactly(flat(rows(13, 13, 13, 13)));
        assertThat(ds.fingerprint()).startsWith("cityscapes:list/train.lst:n=2:");
    }

    @Test
    void listLinesWithOnlyAnImageDeriveTheMask() throws IOException {
        city("test", "berlin", "berlin_000000_000019", rows(26, 7, 7, 26));
        text(
                root.resolve("test.lst"),
                "leftImg8bit/test/berlin/berlin_000000_000019_leftImg8bit.png\n");

        SegmentationDataset ds = open("test.lst", true).dataset();

        assertThat(labels(ds.get(0))).containsExactly(flat(rows(13, 0, 0, 13)));
    }

    @Test
    void anEmptySplitStopsWithTheRoot() throws IOException {
        java.nio.file.Files.createDirectories(root.resolve("leftImg8bit/val"));
        java.nio.file.Files.createDirectories(root.resolve("gtFine/val"));

        assertThatThrownBy(() -> open("val", false))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage(
                        "no usable samples: cityscapes root "
                                + root
                                + ", split val: no image/mask pairs found; check --root and"
                                + " --split");
    }

    @Test
    void aMissingSplitFolderNamesTheFolderAndTheFix() {
        assertThatThrownBy(() -> open("train", false))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage(
                        "cityscapes root "
                                + root
                                + ": no leftImg8bit/train folder; point --root at the folder that"
                                + " holds leftImg8bit/ and gtFine/");
    }

    @Test
    void anImageWithoutMaskIsSkippedWithAWarning() throws IOException {
        city("train", "aachen", "aachen_000000_000019", rows(7, 26, 0, 4));
        rgbPng(root.resolve("leftImg8bit/train/aachen/aachen_000001_000019_leftImg8bit.png"));

        LoadedDataset loaded = open("train", false);

        assertThat(loaded.dataset().size()).isEqualTo(1);
        assertThat(loaded.warnings()).hasSize(2);
        assertThat(loaded.warnings().get(0)).startsWith("cityscapes train: skipped 1 of 2 samples");
        assertThat(loaded.warnings().get(1))
                .contains("image/mask pair incomplete: 1 file")
                .contains("aachen_000001_000019_leftImg8bit.png");
        assertThatThrownBy(() -> open("train", true))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("image/mask pair incomplete")
                .hasMessageNotContaining("\n");
    }
}
