package io.dropclass.data.folder;

import static io.dropclass.data.MaskFixtures.colourPng;
import static io.dropclass.data.MaskFixtures.flat;
import static io.dropclass.data.MaskFixtures.greyPng;
import static io.dropclass.data.MaskFixtures.jpeg;
import static io.dropclass.data.MaskFixtures.labels;
import static io.dropclass.data.MaskFixtures.palettePng;
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

class FolderLayoutTest {

    private static final int ROAD = 0x804080;
    private static final int CAR = 0x00008E;
    private static final int SKY = 0x4682B4;
    private static final int VOID = 0x000000;

    @TempDir Path root;

    private LoadedDataset open(String split, boolean strict) throws IOException {
        return DatasetLoader.open(new DatasetSpec(DatasetKind.FOLDER, root, split, strict));
    }

    private static int[][] colourRows(int... rowColours) {
        return rows(rowColours);
    }

    @Test
    void colourMasksMapThroughTheClassColours() throws IOException {
        text(
                root.resolve("classes.txt"),
                "# name R G B\nroad 128 64 128\ncar 0 0 142\nsky 70 130 180\nignore 0 0 0\n");
        rgbPng(root.resolve("images/train/a.png"));
        colourPng(root.resolve("masks/train/a.png"), colourRows(SKY, CAR, ROAD, VOID));

        LoadedDataset loaded = open("train", true);

        SegmentationDataset ds = loaded.dataset();
        assertThat(ds.classes().size()).isEqualTo(3);
        assertThat(ds.classes().get(1).name()).isEqualTo("car");
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(2, 1, 0, 255)));
        assertThat(ds.fingerprint()).startsWith("folder:train:n=1:");
    }

    @Test
    void indexedMasksHoldClassIdsAndImagesMayBeJpeg() throws IOException {
        text(root.resolve("classes.txt"), "background\ncat\ndog\n");
        jpeg(root.resolve("images/b.jpg"));
        palettePng(root.resolve("masks/b.png"), rows(0, 1, 2, 255));
        rgbPng(root.resolve("images/a.png"));
        greyPng(root.resolve("masks/a.png"), rows(2, 2, 1, 1));

        SegmentationDataset ds = open("all", true).dataset();

        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(2, 2, 1, 1)));
        assertThat(labels(ds.get(1))).containsExactly(flat(rows(0, 1, 2, 255)));
    }

    @Test
    void classesJsonGivesNamesColoursAndIgnoreColours() throws IOException {
        text(
                root.resolve("classes.json"),
                "{\"classes\": [{\"name\": \"road\", \"color\": [128, 64, 128]},"
                        + " {\"name\": \"car\", \"color\": [0, 0, 142]}],"
                        + " \"ignore\": [[70, 130, 180]]}");
        rgbPng(root.resolve("images/val/x.png"));
        colourPng(root.resolve("masks/val/x.png"), colourRows(ROAD, CAR, SKY, ROAD));

        SegmentationDataset ds = open("val", true).dataset();

        assertThat(ds.classes().size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(0, 1, 255, 0)));
    }

    @Test
    void unknownColoursAreSkippedOrStopTheLoad() throws IOException {
        text(root.resolve("classes.txt"), "road 128 64 128\ncar 0 0 142\n");
        rgbPng(root.resolve("images/train/a.png"));
        colourPng(root.resolve("masks/train/a.png"), colourRows(ROAD, ROAD, CAR, CAR));
        rgbPng(root.resolve("images/train/b.png"));
        colourPng(root.resolve("masks/train/b.png"), colourRows(ROAD, 0xFF00FF, CAR, VOID));

        LoadedDataset loaded = open("train", false);

        assertThat(loaded.dataset().size()).isEqualTo(1);
        assertThat(loaded.warnings().get(1))
                .isEqualTo(
                        "folder train: unknown label values: 1 file (masks/train/b.png: #000000,"
                            + " #ff00ff); masks must hold class ids 0..K-1 or 255 (ignore); check"
                            + " the class list");
        assertThatThrownBy(() -> open("train", true))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("unknown label values: 1 file");
    }

    @Test
    void missingClassesFileOrSplitFolderNamesTheFix() throws IOException {
        rgbPng(root.resolve("images/a.png"));
        greyPng(root.resolve("masks/a.png"), rows(0, 0, 0, 0));

        assertThatThrownBy(() -> open("all", false))
                .hasMessage(
                        "folder root "
                                + root
                                + ": no classes.txt or classes.json; write one"
                                + " class per line, 'name' or 'name R G B', in train-id order");
        text(root.resolve("classes.txt"), "a\nb\n");
        assertThatThrownBy(() -> open("train", false))
                .hasMessageStartingWith("folder root " + root + ": no images/train folder;")
                .hasMessageContaining("--split all");
        assertThat(open("all", true).dataset().size()).isEqualTo(1);
    }

    @Test
    void malformedClassLinesNameTheLine() {
        text(root.resolve("classes.txt"), "road 128 64\n");
        rgbPng(root.resolve("images/a.png"));
        greyPng(root.resolve("masks/a.png"), rows(0, 0, 0, 0));

        assertThatThrownBy(() -> open("all", false))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage(
                        root.resolve("classes.txt")
                                + " line 1: expected 'name' or"
                                + " 'name R G B' (0..255 each), got 'road 128 64'");
    }
}
