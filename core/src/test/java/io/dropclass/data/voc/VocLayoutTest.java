package io.dropclass.data.voc;

import static io.dropclass.data.MaskFixtures.bordered;
import static io.dropclass.data.MaskFixtures.flat;
import static io.dropclass.data.MaskFixtures.jpeg;
import static io.dropclass.data.MaskFixtures.labels;
import static io.dropclass.data.MaskFixtures.palettePng;
import static io.dropclass.data.MaskFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.DatasetKind;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.validation.InvalidDatasetException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocLayoutTest {

    @TempDir Path root;

    private void sample(String id, String masks, int inner) {
        jpeg(root.resolve("JPEGImages/" + id + ".jpg"));
        palettePng(root.resolve(masks + "/" + id + ".png"), bordered(inner));
    }

    @Test
    void catalogHasTheVocPalette() {
        ClassCatalog voc = VocClasses.catalog();

        assertThat(voc.size()).isEqualTo(21);
        assertThat(voc.get(0).rgb()).isEqualTo(0x000000);
        assertThat(voc.get(1).rgb()).isEqualTo(0x800000);
        assertThat(voc.get(15).name()).isEqualTo("person");
        assertThat(voc.get(15).rgb()).isEqualTo(0xC08080);
        assertThat(voc.get(20).rgb()).isEqualTo(0x004080);
        assertThat(VocClasses.paletteColour(255)).isEqualTo(0xE0E0C0);
    }

    @Test
    void paletteIndicesAreTheLabelsAnd255StaysIgnored() throws IOException {
        sample("2007_000032", "SegmentationClass", 15);
        sample("2007_000033", "SegmentationClass", 1);
        text(root.resolve("ImageSets/Segmentation/train.txt"), "2007_000033\n2007_000032\n");

        SegmentationDataset ds =
                DatasetLoader.open(new DatasetSpec(DatasetKind.VOC, root, "train", true)).dataset();

        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(bordered(1)));
        assertThat(labels(ds.get(1))).containsExactly(flat(bordered(15)));
        assertThat(ds.fingerprint()).startsWith("voc:train:n=2:");
    }

    @Test
    void augmentedListsNamePathsOrIds() throws IOException {
        sample("a", "SegmentationClassAug", 3);
        sample("b", "SegmentationClassAug", 20);
        text(root.resolve("train_aug.txt"), "/JPEGImages/a.jpg /SegmentationClassAug/a.png\n\nb\n");

        SegmentationDataset ds =
                DatasetLoader.open(new DatasetSpec(DatasetKind.VOC_AUG, root, "train", true)).dataset();

        assertThat(ds.size()).isEqualTo(2);
        assertThat(labels(ds.get(0))).containsExactly(flat(bordered(3)));
        assertThat(labels(ds.get(1))).containsExactly(flat(bordered(20)));
        assertThat(ds.fingerprint()).startsWith("voc_aug:train:n=2:");
    }

    @Test
    void aMissingListNamesItAndTheFix() {
        sample("a", "SegmentationClass", 3);

        assertThatThrownBy(() -> DatasetLoader.open(new DatasetSpec(DatasetKind.VOC, root, "val", false)))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith(
                        "voc root " + root + ": no list ImageSets/Segmentation/val.txt;")
                .hasMessageContaining("point --root at VOCdevkit/VOC2012");
    }
}
