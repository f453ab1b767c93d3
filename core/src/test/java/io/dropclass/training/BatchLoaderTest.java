package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.transform.Compose;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.data.transform.RandomCropFlip;
import io.dropclass.data.transform.RandomScale;
import io.dropclass.data.transform.TransformPresets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    private static final ClassCatalog CATALOG = ClassCatalog.of("toy", List.of(
            new ClassInfo(0, "a", 0, 0xFF0000),
            new ClassInfo(1, "b", 1, 0x00FF00),
            new ClassInfo(2, "c", 2, 0x0000FF)));

    /** Random images of varied sizes. */
    record Images(List<SegmentationSample> samples) implements SegmentationDataset {

        static Images random(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            List<SegmentationSample> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int h = 20 + r.nextInt(30);
                int w = 30 + r.nextInt(30);
                float[] image = new float[3 * h * w];
                byte[] label = new byte[h * w];
                for (int p = 0; p < image.length; p++) {
                    image[p] = (float) r.nextDouble();
                }
                for (int p = 0; p < label.length; p++) {
                    label[p] = (byte) (r.nextInt(10) == 0 ? 255 : r.nextInt(3));
                }
                list.add(new SegmentationSample(h, w, image, label));
            }
            return new Images(list);
        }

        @Override
        public ClassCatalog classes() {
            return CATALOG;
        }

        @Override
        public int size() {
            return samples.size();
        }

        @Override
        public SegmentationSample get(int index) {
            return samples.get(index);
        }

        @Override
        public String fingerprint() {
            return "images:" + samples.size();
        }
    }

    @Test
    void streamIsTheSameWhateverTheThreadCount() {
        Images data = Images.random(7, 1);
        var transform = TransformPresets.standard(new PairedTransform.Size(24, 32),
                RandomScale.steps(0.5, 2.0, 0.25), true, true, 0.75);
        List<TrainingBatch> one = new ArrayList<>();
        List<TrainingBatch> three = new ArrayList<>();
        try (BatchLoader a = new BatchLoader(data, transform, 3, 42, 1, 0);
                BatchLoader b = new BatchLoader(data, transform, 3, 42, 3, 0)) {
            for (int i = 0; i < 6; i++) {
                one.add(a.next());
                three.add(b.next());
            }
        }
        for (int i = 0; i < 6; i++) {
            assertThat(one.get(i).iteration()).isEqualTo(i);
            assertThat(three.get(i).images()).containsExactly(one.get(i).images());
            for (int s = 0; s < 3; s++) {
                assertThat(three.get(i).labels()[s]).containsExactly(one.get(i).labels()[s]);
            }
            assertThat(one.get(i).height()).isEqualTo(24);
            assertThat(one.get(i).width()).isEqualTo(32);
        }
        try (BatchLoader c = new BatchLoader(data, transform, 3, 42, 2, 4)) {
            assertThat(c.next().images()).containsExactly(one.get(4).images());
        }
    }

    @Test
    void randomCropFlipStillWorksAndExplicitSizesAreChecked() {
        Images data = Images.random(4, 2);
        try (BatchLoader loader = new BatchLoader(data, new RandomCropFlip(16, 20, true), 2, 1, 1, 0)) {
            TrainingBatch batch = loader.next();
            assertThat(batch.height()).isEqualTo(16);
            assertThat(batch.images()).hasSize(2 * 3 * 16 * 20);
        }
        var scaleOnly = RandomScale.steps(0.5, 1.0, 0.5);
        assertThatThrownBy(() -> new BatchLoader(data, scaleOnly, 2, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not known up front");
        try (BatchLoader loader = new BatchLoader(data, Compose.of(scaleOnly),
                new PairedTransform.Size(16, 20), new BatchLoader.Settings(2, 1, 1, 0))) {
            assertThatThrownBy(() -> loader.build(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("every sample of a batch must be 16x20");
        }
    }
}
