package io.dropclass.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import org.junit.jupiter.api.Test;

class StreetSceneDatasetTest {

    @Test
    void trainFingerprintNamesSeedSizeAndImageSize() {
        StreetSceneDataset train = StreetSceneDataset.of(42, SyntheticSplit.TRAIN, 500, 128, 256);
        assertThat(train.fingerprint())
                .isEqualTo("synthetic-streets-v1:train:seed=42:n=500:128x256");
    }

    @Test
    void fixedSplitsOmitTheSeedFromTheirFingerprint() {
        assertThat(StreetSceneDataset.of(42, SyntheticSplit.VAL, 100, 32, 64).fingerprint())
                .isEqualTo("synthetic-streets-v1:val:n=100:32x64");
        assertThat(StreetSceneDataset.of(7, SyntheticSplit.SHIFT, 100, 32, 64).fingerprint())
                .isEqualTo("synthetic-streets-v1:shift:n=100:32x64");
    }

    @Test
    void servesCityscapesClassesAndTheGeneratorsSamples() {
        StreetSceneDataset val = StreetSceneDataset.of(1, SyntheticSplit.VAL, 4, 32, 64);
        assertThat(val.classes().name()).isEqualTo(ClassCatalog.cityscapes().name());
        assertThat(val.classes().size()).isEqualTo(19);
        assertThat(val.size()).isEqualTo(4);
        assertThat(val.get(3).label())
                .isEqualTo(
                        new StreetSceneGenerator(32, 64)
                                .generate(99, SyntheticSplit.VAL, 3)
                                .label());
    }

    @Test
    void rejectsIndicesOutsideTheSplit() {
        StreetSceneDataset train = StreetSceneDataset.of(1, SyntheticSplit.TRAIN, 4, 32, 64);
        assertThatThrownBy(() -> train.get(4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("4");
        assertThatThrownBy(() -> train.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsEmptySplits() {
        assertThatThrownBy(() -> StreetSceneDataset.of(1, SyntheticSplit.TRAIN, 0, 32, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size")
                .hasMessageContaining("0");
    }
}
