package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.data.DatasetKind;
import io.dropclass.data.DatasetLoader;
import io.dropclass.data.DatasetSpec;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import io.dropclass.data.validation.LoadedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dropclass synth} writes a folder dataset that loads back with the generated labels. */
class SynthCliTest {

    @TempDir Path dir;

    @Test
    void writtenScenesLoadBackAsTheFolderDatasetWithTheSameLabels() throws IOException {
        Path root = dir.resolve("scenes");
        CliRunner.Result result = CliRunner.run("synth", "--output", root.toString(),
                "--images", "3", "--height", "32", "--width", "64", "--seed", "5");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("wrote 3 images");

        LoadedDataset loaded = DatasetLoader.open(new DatasetSpec(DatasetKind.FOLDER, root, "all", true));
        SegmentationDataset folder = loaded.dataset();
        StreetSceneDataset generated = StreetSceneDataset.of(5, SyntheticSplit.TRAIN, 3, 32, 64);
        assertThat(loaded.warnings()).isEmpty();
        assertThat(folder.size()).isEqualTo(3);
        assertThat(folder.classes().size()).isEqualTo(generated.classes().size());
        for (int i = 0; i < 3; i++) {
            SegmentationSample expected = generated.get(i);
            SegmentationSample actual = folder.get(i);
            assertThat(actual.label()).as("labels of image %d", i).isEqualTo(expected.label());
            assertThat(actual.height()).isEqualTo(32);
            assertThat(actual.width()).isEqualTo(64);
            for (int p = 0; p < expected.image().length; p += 97) {
                assertThat(actual.image()[p]).isCloseTo(expected.image()[p],
                        org.assertj.core.data.Offset.offset(0.5f / 255 + 1e-6f));
            }
            assertThat(folder.classes().get(i).name())
                    .isEqualTo(generated.classes().get(i).name());
        }
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedAndLeftAlone() throws IOException {
        Path root = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(root.resolve("keep.txt"), "mine");
        CliRunner.Result result = CliRunner.run("synth", "--output", root.toString(),
                "--images", "1", "--height", "32", "--width", "64");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).contains("not empty").doesNotContain("\n");
        try (var entries = Files.list(root)) {
            assertThat(entries.toList()).containsExactly(root.resolve("keep.txt"));
        }
    }
}
