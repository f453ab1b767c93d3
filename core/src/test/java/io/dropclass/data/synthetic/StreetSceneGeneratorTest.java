package io.dropclass.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreetSceneGeneratorTest {

    private final StreetSceneGenerator small = new StreetSceneGenerator(32, 64);

    @Test
    void sameInputsGiveBitIdenticalSamples() {
        // Given two generators of the same size
        StreetSceneGenerator other = new StreetSceneGenerator(32, 64);
        for (SyntheticSplit split : SyntheticSplit.values()) {
            // When the same sample is generated twice
            SegmentationSample a = small.generate(42, split, 7);
            SegmentationSample b = other.generate(42, split, 7);
            // Then images and labels are identical to the bit
            assertThat(a.image()).isEqualTo(b.image());
            assertThat(a.label()).isEqualTo(b.label());
        }
    }

    @Test
    void samplesDoNotDependOnThreadOrOrder() throws Exception {
        int n = 16;
        List<SegmentationSample> sequential = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequential.add(small.generate(3, SyntheticSplit.TRAIN, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SegmentationSample>> reversed = new ArrayList<>();
            for (int i = n - 1; i >= 0; i--) {
                int index = i;
                reversed.add(pool.submit(() -> small.generate(3, SyntheticSplit.TRAIN, index)));
            }
            for (int i = 0; i < n; i++) {
                SegmentationSample s = reversed.get(n - 1 - i).get();
                assertThat(s.image()).isEqualTo(sequential.get(i).image());
                assertThat(s.label()).isEqualTo(sequential.get(i).label());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void differentIndicesAndSeedsGiveDifferentSamples() {
        SegmentationSample base = small.generate(42, SyntheticSplit.TRAIN, 0);
        SegmentationSample nextIndex = small.generate(42, SyntheticSplit.TRAIN, 1);
        SegmentationSample otherSeed = small.generate(43, SyntheticSplit.TRAIN, 0);
        assertThat(nextIndex.image()).isNotEqualTo(base.image());
        assertThat(nextIndex.label()).isNotEqualTo(base.label());
        assertThat(otherSeed.image()).isNotEqualTo(base.image());
        assertThat(otherSeed.label()).isNotEqualTo(base.label());
    }

    @Test
    void fixedSplitsIgnoreTheSeed() {
        for (SyntheticSplit split : List.of(SyntheticSplit.VAL, SyntheticSplit.SHIFT)) {
            SegmentationSample a = small.generate(1, split, 5);
            SegmentationSample b = small.generate(987654321L, split, 5);
            assertThat(a.image()).as(split.id()).isEqualTo(b.image());
            assertThat(a.label()).as(split.id()).isEqualTo(b.label());
        }
    }

    @Test
    void shiftDiffersFromValAndValFromTrain() {
        SegmentationSample val = small.generate(0, SyntheticSplit.VAL, 0);
        assertThat(small.generate(0, SyntheticSplit.SHIFT, 0).label()).isNotEqualTo(val.label());
        assertThat(small.generate(0, SyntheticSplit.TRAIN, 0).label()).isNotEqualTo(val.label());
    }

    @ParameterizedTest
    @CsvSource({"16, 32", "32, 64", "48, 40", "128, 256", "256, 512"})
    void everySizeGivesValidLabelsAndImageValues(int height, int width) {
        StreetSceneGenerator generator = new StreetSceneGenerator(height, width);
        int samples = height * width > 100_000 ? 3 : 12;
        for (SyntheticSplit split : SyntheticSplit.values()) {
            for (int i = 0; i < samples; i++) {
                SegmentationSample s = generator.generate(11, split, i);
                assertThat(s.height()).isEqualTo(height);
                assertThat(s.width()).isEqualTo(width);
                for (int p = 0; p < s.label().length; p++) {
                    int label = s.labelAt(p);
                    assertThat(label < SceneClass.COUNT || label == ClassCatalog.IGNORE_INDEX)
                            .as("label %d at pixel %d", label, p)
                            .isTrue();
                }
                for (float v : s.image()) {
                    assertThat(v).isBetween(0f, 1f);
                }
            }
        }
    }

    @Test
    void ignoredPixelsAreFew() {
        long ignored = 0;
        long total = 0;
        for (int i = 0; i < 40; i++) {
            SegmentationSample s = small.generate(5, SyntheticSplit.TRAIN, i);
            for (int p = 0; p < s.label().length; p++) {
                ignored += s.labelAt(p) == ClassCatalog.IGNORE_INDEX ? 1 : 0;
            }
            total += s.label().length;
        }
        assertThat((double) ignored / total).isLessThan(0.06);
    }

    @Test
    void rejectsTooSmallImagesNamingTheValue() {
        assertThatThrownBy(() -> new StreetSceneGenerator(15, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("height")
                .hasMessageContaining("15");
        assertThatThrownBy(() -> new StreetSceneGenerator(32, 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width")
                .hasMessageContaining("31");
    }

    @Test
    void rejectsNegativeIndices() {
        assertThatThrownBy(() -> small.generate(0, SyntheticSplit.TRAIN, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void classConstantsMatchTheCityscapesCatalog() {
        ClassCatalog catalog = ClassCatalog.cityscapes();
        assertThat(catalog.size()).isEqualTo(SceneClass.COUNT);
        assertThat(catalog.get(SceneClass.ROAD).name()).isEqualTo("road");
        assertThat(catalog.get(SceneClass.TRAFFIC_LIGHT).name()).isEqualTo("traffic light");
        assertThat(catalog.get(SceneClass.SKY).name()).isEqualTo("sky");
        assertThat(catalog.get(SceneClass.RIDER).name()).isEqualTo("rider");
        assertThat(catalog.get(SceneClass.TRAIN).name()).isEqualTo("train");
        assertThat(catalog.get(SceneClass.BICYCLE).name()).isEqualTo("bicycle");
    }
}
