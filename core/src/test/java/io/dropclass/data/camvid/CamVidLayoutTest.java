package io.dropclass.data.camvid;

import static io.dropclass.data.MaskFixtures.flat;
import static io.dropclass.data.MaskFixtures.greyPng;
import static io.dropclass.data.MaskFixtures.labels;
import static io.dropclass.data.MaskFixtures.rgbPng;
import static io.dropclass.data.MaskFixtures.rows;
import static io.dropclass.data.MaskFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.data.DatasetKind;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.validation.LoadedDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamVidLayoutTest {

    @TempDir Path root;

    private void sample(String split, String name, int[][] mask) {
        rgbPng(root.resolve(split + "/" + name));
        greyPng(root.resolve(split + "annot/" + name), mask);
    }

    @Test
    void unlabelledElevenBecomesIgnore() throws IOException {
        sample("train", "0001TP_006690.png", rows(0, 11, 10, 3));
        sample("train", "0001TP_006720.png", rows(11, 11, 8, 9));

        LoadedDataset loaded = DatasetLoader.open(new DatasetSpec(DatasetKind.CAMVID, root, "train", true));

        SegmentationDataset ds = loaded.dataset();
        assertThat(ds.classes().size()).isEqualTo(11);
        assertThat(ds.classes().get(10).name()).isEqualTo("Bicyclist");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(0, 255, 10, 3)));
        assertThat(labels(ds.get(1))).containsExactly(flat(rows(255, 255, 8, 9)));
    }

    @Test
    void segNetListFilesKeepTheLastTwoPathParts() throws IOException {
        sample("val", "a.png", rows(1, 2, 3, 4));
        sample("val", "b.png", rows(5, 6, 7, 8));
        text(root.resolve("val.txt"), "/SegNet/CamVid/val/b.png /SegNet/CamVid/valannot/b.png\n");

        SegmentationDataset ds =
                DatasetLoader.open(new DatasetSpec(DatasetKind.CAMVID, root, "val", true)).dataset();

        assertThat(ds.size()).isEqualTo(1);
        assertThat(labels(ds.get(0))).containsExactly(flat(rows(5, 6, 7, 8)));
    }

    @Test
    void unpairedFilesOnBothSidesAreReported() throws IOException {
        sample("test", "a.png", rows(1, 2, 3, 4));
        rgbPng(root.resolve("test/lonely.png"));
        greyPng(root.resolve("testannot/orphan.png"), rows(1, 1, 1, 1));

        LoadedDataset loaded = DatasetLoader.open(new DatasetSpec(DatasetKind.CAMVID, root, "test", false));

        assertThat(loaded.dataset().size()).isEqualTo(1);
        assertThat(loaded.warnings().get(0)).startsWith("camvid test: skipped 2 of 3 samples");
        assertThat(loaded.warnings().get(1))
                .startsWith(
                        "camvid test: image/mask pair incomplete: 2 files"
                                + " (test/lonely.png: no mask, testannot/orphan.png: no image);");
    }
}
