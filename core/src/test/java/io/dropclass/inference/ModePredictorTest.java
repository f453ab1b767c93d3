package io.dropclass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.testing.TinyNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModePredictorTest {

    private static final int K = 4;

    static float[] randomImage(int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] image = new float[3 * h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextDouble();
        }
        return image;
    }

    private static TinyNetwork network(NDManager manager, int stride) {
        TinyNetwork net = new TinyNetwork(6, K, stride);
        net.initializeParameters(manager, 7);
        return net;
    }

    private static float[] mirror(float[] planes, int channels, int h, int w) {
        float[] out = new float[planes.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[c * h * w + y * w + x] = planes[c * h * w + y * w + w - 1 - x];
                }
            }
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Test
    void pointwiseNetworkGivesTheSameLogitsWholeOrSlidingWhateverTheWindows() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 1);
            int h = 23;
            int w = 37;
            float[] image = randomImage(h, w, 3);
            float[] whole = new ModePredictor(net, ImageNormalization.IMAGENET, EvaluationMode.whole())
                    .logits(manager, image, h, w);
            // windows smaller than the image, overlapping; larger than the image (padded); one axis each
            for (EvaluationMode mode : List.of(
                    EvaluationMode.slide(10, 16, 7, 9),
                    EvaluationMode.slide(32, 64, 20, 40),
                    EvaluationMode.slide(40, 12, 40, 5))) {
                float[] slide = new ModePredictor(net, ImageNormalization.IMAGENET, mode)
                        .logits(manager, image, h, w);
                assertClose(slide, whole, 1e-4f);
            }
            // a pointwise network is flip-equivariant: flip TTA doubles the logits
            float[] flipped = new ModePredictor(net, ImageNormalization.IMAGENET,
                    EvaluationMode.multiscale(List.of(1.0), true)).logits(manager, image, h, w);
            float[] doubled = whole.clone();
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] *= 2;
            }
            assertClose(flipped, doubled, 1e-4f);
        }
    }

    @Test
    void slidingWindowAsLargeAsTheImageEqualsWhole() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 2);
            int h = 24;
            int w = 36;
            float[] image = randomImage(h, w, 4);
            SegmentationPredictor plain = new SegmentationPredictor(net, ImageNormalization.IMAGENET);
            byte[] whole = plain.predict(manager, List.of(image), h, w)[0];
            assertThat(plain.predict(manager, image, h, w, EvaluationMode.slide(h, w, 8, 8)))
                    .containsExactly(whole);
            assertThat(plain.predict(manager, image, h, w, EvaluationMode.whole()))
                    .containsExactly(whole);
        }
    }

    @Test
    void oneScaleWithoutFlipEqualsThePlainPredictor() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 2);
            int h = 21;
            int w = 30;
            float[] image = randomImage(h, w, 5);
            SegmentationPredictor plain = new SegmentationPredictor(net, ImageNormalization.IMAGENET);
            byte[] whole = plain.predict(manager, List.of(image), h, w)[0];
            byte[] multi = plain.predict(manager, image, h, w,
                    EvaluationMode.multiscale(List.of(1.0), false));
            assertThat(multi).containsExactly(whole);
        }
    }

    @Test
    void flipTestTimeAugmentationIsMirrorEquivariant() {
        // stride 2 samples even columns: the network alone is not mirror-equivariant, flip TTA is
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 2);
            int h = 16;
            int w = 26;
            float[] image = randomImage(h, w, 6);
            float[] mirrored = mirror(image, 3, h, w);
            ModePredictor whole = new ModePredictor(net, ImageNormalization.IMAGENET,
                    EvaluationMode.whole());
            assertThat(whole.logits(manager, mirrored, h, w))
                    .isNotEqualTo(mirror(whole.logits(manager, image, h, w), K, h, w));
            for (EvaluationMode mode : List.of(
                    EvaluationMode.multiscale(List.of(1.0), true),
                    EvaluationMode.multiscale(List.of(0.75, 1.25), true))) {
                ModePredictor tta = new ModePredictor(net, ImageNormalization.IMAGENET, mode);
                assertClose(tta.logits(manager, mirrored, h, w),
                        mirror(tta.logits(manager, image, h, w), K, h, w), 1e-4f);
            }
        }
    }

    @Test
    void multiScaleSlidingFlipGivesValidClassIds() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 2);
            int h = 19;
            int w = 33;
            float[] image = randomImage(h, w, 7);
            EvaluationMode mode = EvaluationMode.multiscale(List.of(0.5, 1.0, 1.75), true)
                    .withSlide(12, 16, 8, 10);
            long before = manager.getManagedArrays().size();
            byte[] labels = new ModePredictor(net, ImageNormalization.IMAGENET, mode)
                    .predict(manager, image, h, w);
            assertThat(manager.getManagedArrays().size()).isEqualTo(before);
            assertThat(labels).hasSize(h * w);
            for (byte b : labels) {
                assertThat(Byte.toUnsignedInt(b)).isLessThan(K);
            }
        }
    }

    @Test
    void hrNetSmallRunsEveryModeAndReleasesItsArrays() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 5);
            net.initializeParameters(manager, 3);
            int h = 64;
            int w = 96;
            float[] image = randomImage(h, w, 8);
            SegmentationPredictor predictor = new SegmentationPredictor(net, ImageNormalization.IMAGENET);
            byte[] whole = predictor.predict(manager, List.of(image), h, w)[0];
            long before = manager.getManagedArrays().size();
            assertThat(predictor.predict(manager, image, h, w, EvaluationMode.slide(64, 96, 32, 32)))
                    .containsExactly(whole);
            for (EvaluationMode mode : List.of(
                    EvaluationMode.slide(64, 64, 32, 32),
                    EvaluationMode.multiscale(List.of(0.75, 1.0), true))) {
                byte[] labels = predictor.predict(manager, image, h, w, mode);
                assertThat(labels).hasSize(h * w);
                for (byte b : labels) {
                    assertThat(Byte.toUnsignedInt(b)).isLessThan(5);
                }
            }
            assertThat(manager.getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    void modesAreValidated() {
        assertThat(EvaluationMode.whole().isPlainWhole()).isTrue();
        assertThat(EvaluationMode.slide(8, 8, 4, 4).isPlainWhole()).isFalse();
        assertThat(EvaluationMode.multiscale(List.of(1.0), true).isPlainWhole()).isFalse();
        assertThatThrownBy(() -> new EvaluationMode(8, 8, 0, 4, List.of(1.0), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvaluationMode.multiscale(List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvaluationMode.multiscale(List.of(0.0), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Images(List<SegmentationSample> samples) implements SegmentationDataset {

        @Override
        public ClassCatalog classes() {
            List<ClassInfo> list = new ArrayList<>();
            for (int k = 0; k < K; k++) {
                list.add(new ClassInfo(k, "c" + k, k, 0x101010 * (k + 1)));
            }
            return ClassCatalog.of("toy", list);
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
            return "images";
        }
    }

    @Test
    void evaluatorOverloadMatchesTheBatchedWholeEvaluation() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork net = network(manager, 1);
            List<SegmentationSample> samples = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(9);
            for (int i = 0; i < 4; i++) {
                int h = i < 2 ? 12 : 15;
                int w = 20;
                byte[] label = new byte[h * w];
                for (int p = 0; p < label.length; p++) {
                    label[p] = (byte) (r.nextInt(8) == 0 ? 255 : r.nextInt(K));
                }
                samples.add(new SegmentationSample(h, w, randomImage(h, w, 20 + i), label));
            }
            Images data = new Images(samples);
            SegmentationPredictor predictor = new SegmentationPredictor(net, ImageNormalization.IMAGENET);
            SegmentationEvaluation batched = SegmentationEvaluator.evaluate(predictor, data, 2, manager);
            assertThat(SegmentationEvaluator.evaluate(predictor, data, 2, manager,
                    EvaluationMode.whole())).isEqualTo(batched);
            // a pointwise network predicts the same with windows
            assertThat(SegmentationEvaluator.evaluate(predictor, data, 2, manager,
                    EvaluationMode.slide(8, 8, 5, 6))).isEqualTo(batched);
            SegmentationEvaluation multi = SegmentationEvaluator.evaluate(predictor, data, 2,
                    manager, EvaluationMode.multiscale(List.of(0.5, 1.0, 1.5), true));
            assertThat(multi.labelledPixels()).isEqualTo(batched.labelledPixels());
        }
    }
}
