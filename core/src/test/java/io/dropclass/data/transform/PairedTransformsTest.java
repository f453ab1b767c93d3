package io.dropclass.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.SegmentationSample;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedTransformsTest {

    private static final float TOLERANCE = 1e-5f;

    /** The colour of a label: R = (label + 1) / 32, G = 0.25, B = 0.75 (never black). */
    static float[] colour(int label) {
        return new float[] {(label + 1) / 32f, 0.25f, 0.75f};
    }

    /** A sample of blocks of side `block`, labels 0..k-1 in a pattern, colour-encoded. */
    static SegmentationSample blocks(int h, int w, int block, int k) {
        float[] image = new float[3 * h * w];
        byte[] label = new byte[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = ((y / block) * 7 + (x / block) * 3) % k;
                label[y * w + x] = (byte) l;
                float[] c = colour(l);
                for (int ch = 0; ch < 3; ch++) {
                    image[ch * h * w + y * w + x] = c[ch];
                }
            }
        }
        return new SegmentationSample(h, w, image, label);
    }

    /**
     * Checks alignment: every non-ignored pixel whose 5×5 neighbourhood lies inside the sample and
     * holds one label decodes to that label (the nearest mask is cv2's, up to half a pixel off the
     * bilinear image's centres, hence the margin); returns how many pixels were checked.
     */
    static int assertAligned(SegmentationSample s) {
        int h = s.height();
        int w = s.width();
        int checked = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = s.labelAt(y * w + x);
                if (l == 255 || !uniform(s, y, x, l)) {
                    continue;
                }
                float[] c = colour(l);
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(s.image()[ch * h * w + y * w + x])
                            .as("channel %d at (%d, %d), label %d", ch, y, x, l)
                            .isCloseTo(c[ch], org.assertj.core.api.Assertions.within(TOLERANCE));
                }
                checked++;
            }
        }
        return checked;
    }

    private static boolean uniform(SegmentationSample s, int y, int x, int l) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy < 0 || yy >= s.height() || xx < 0 || xx >= s.width()
                        || s.labelAt(yy * s.width() + xx) != l) {
                    return false;
                }
            }
        }
        return true;
    }

    static Set<Integer> labels(SegmentationSample s) {
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i < s.label().length; i++) {
            set.add(s.labelAt(i));
        }
        return set;
    }

    @Test
    void randomScaleKeepsMaskAlignedAndOnlyExistingLabels() {
        SegmentationSample src = blocks(37, 53, 12, 5);
        RandomScale scale = RandomScale.steps(0.5, 2.0, 0.25);
        assertThat(scale.scales()).containsExactly(0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0);
        Set<Integer> sizes = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            SegmentationSample out = scale.apply(src, new SplittableRandom(seed));
            sizes.add(out.height());
            assertThat(labels(out)).isSubsetOf(labels(src));
            assertThat(assertAligned(out)).isGreaterThan(out.height() * out.width() / 10);
        }
        assertThat(sizes).hasSize(7);
    }

    @Test
    void nearestMaskFollowsOpenCvAndBilinearFollowsHalfPixelCentres() {
        // 1x4 -> 1x8: nearest src = floor(x / 2); bilinear weights of half-pixel centres
        float[] image = new float[3 * 4];
        for (int x = 0; x < 4; x++) {
            image[x] = x;
        }
        SegmentationSample s = new SegmentationSample(1, 4, image, new byte[] {0, 1, 2, 3});
        SegmentationSample up = RandomScale.resize(s, 1, 8);
        assertThat(up.label()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
        float[] expected = {0, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3};
        for (int x = 0; x < 8; x++) {
            assertThat(up.image()[x]).isCloseTo(expected[x], org.assertj.core.api.Assertions.within(1e-6f));
        }
        SegmentationSample down = RandomScale.resize(s, 1, 2);
        assertThat(down.label()).containsExactly(0, 2);
        assertThat(down.image()[0]).isCloseTo(0.5f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(down.image()[1]).isCloseTo(2.5f, org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void officialScalesAndLongSideRule() {
        RandomScale official = RandomScale.official(2048);
        assertThat(official.scales()).hasSize(17);
        assertThat(official.scales().get(0)).isEqualTo(0.5);
        assertThat(official.scales().get(16)).isEqualTo(2.1);
        for (int k = 0; k <= 16; k++) {
            double s = 0.5 + k / 10.0;
            int longSide = (int) (2048 * s + 0.5);
            assertThat(official.targetSize(1024, 2048, s))
                    .isEqualTo(new PairedTransform.Size((int) (1024.0 * longSide / 2048 + 0.5), longSide));
            // the base, not the image, fixes the long side
            assertThat(official.targetSize(500, 1000, s).width()).isEqualTo(longSide);
            assertThat(official.targetSize(1000, 500, s).height()).isEqualTo(longSide);
        }
        assertThat(official.targetSize(1024, 2048, 0.7)).isEqualTo(new PairedTransform.Size(717, 1434));
    }

    @Test
    void padFillsImageWithTheFillValueAndMaskWithIgnore() {
        SegmentationSample src = blocks(5, 7, 2, 3);
        float[] mean = {0.485f, 0.456f, 0.406f};
        SegmentationSample out = new PadTo(8, 9, mean).apply(src, new SplittableRandom(1));
        assertThat(out.height()).isEqualTo(8);
        assertThat(out.width()).isEqualTo(9);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 9; x++) {
                int p = y * 9 + x;
                boolean inside = y < 5 && x < 7;
                assertThat(out.labelAt(p)).isEqualTo(inside ? src.labelAt(y * 7 + x) : 255);
                for (int c = 0; c < 3; c++) {
                    assertThat(out.image()[c * 72 + p])
                            .isEqualTo(inside ? src.image()[c * 35 + y * 7 + x] : mean[c]);
                }
            }
        }
        assertThat(PadTo.black(4, 4).apply(src, new SplittableRandom(1))).isSameAs(src);
    }

    @Test
    void cropRangesAreInclusiveAndTheWindowIsExact() {
        int h = 5;
        int w = 6;
        float[] image = new float[3 * h * w];
        byte[] label = new byte[h * w];
        for (int p = 0; p < h * w; p++) {
            image[p] = p;
            label[p] = (byte) p;
        }
        SegmentationSample src = new SegmentationSample(h, w, image, label);
        Set<List<Integer>> offsets = new HashSet<>();
        for (int seed = 0; seed < 600; seed++) {
            SegmentationSample out = RandomCrop.of(3, 4).apply(src, new SplittableRandom(seed));
            int top = (int) out.image()[0] / w;
            int left = (int) out.image()[0] % w;
            offsets.add(List.of(top, left));
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int p = (top + y) * w + left + x;
                    assertThat(out.image()[y * 4 + x]).isEqualTo((float) p);
                    assertThat(out.labelAt(y * 4 + x)).isEqualTo(p);
                }
            }
        }
        Set<List<Integer>> all = new HashSet<>();
        for (int t = 0; t <= 2; t++) {
            for (int l = 0; l <= 2; l++) {
                all.add(List.of(t, l));
            }
        }
        assertThat(offsets).isEqualTo(all);
    }

    @Test
    void cropOfASmallerSampleKeepsTheWholeAxis() {
        SegmentationSample src = blocks(4, 20, 2, 3);
        SegmentationSample out = RandomCrop.of(8, 10).apply(src, new SplittableRandom(3));
        assertThat(out.height()).isEqualTo(4);
        assertThat(out.width()).isEqualTo(10);
    }

    @Test
    void catMaxRatioIgnoresTheIgnoreIndexAndNeedsTwoClasses() {
        // 1 x 10: 0 0 0 1 1 255 255 255 255 255
        byte[] label = {0, 0, 0, 1, 1, -1, -1, -1, -1, -1};
        SegmentationSample s = new SegmentationSample(1, 10, new float[30], label);
        RandomCrop crop = new RandomCrop(1, 10, 0.75);
        assertThat(crop.acceptable(s, 0, 0, 1, 10)).isTrue(); // 3/5 < 0.75
        assertThat(new RandomCrop(1, 10, 0.6).acceptable(s, 0, 0, 1, 10)).isFalse(); // 3/5 >= 0.6
        assertThat(crop.acceptable(s, 0, 0, 1, 3)).isFalse(); // one class
        assertThat(crop.acceptable(s, 0, 5, 1, 5)).isFalse(); // only ignore
    }

    @Test
    void catMaxRatioIsRespectedWhenPossible() {
        // left half class 0, right half class 1; a 40-wide crop is acceptable when its left column is
        // in 21..39 (19 of 61 positions)
        int h = 10;
        int w = 100;
        byte[] label = new byte[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 50; x < w; x++) {
                label[y * w + x] = 1;
            }
        }
        SegmentationSample src = new SegmentationSample(h, w, new float[3 * h * w], label);
        RandomCrop checked = new RandomCrop(10, 40, 0.75);
        int withRejection = 0;
        int without = 0;
        for (int seed = 0; seed < 300; seed++) {
            if (share(checked.apply(src, new SplittableRandom(seed))) < 0.75) {
                withRejection++;
            }
            if (share(RandomCrop.of(10, 40).apply(src, new SplittableRandom(seed))) < 0.75) {
                without++;
            }
        }
        assertThat(without).isBetween(60, 130); // about 31 %
        assertThat(withRejection).isGreaterThan(280); // 1 - 0.69^11 = 98 %
    }

    private static double share(SegmentationSample s) {
        int ones = 0;
        for (byte b : s.label()) {
            ones += b;
        }
        return Math.max(ones, s.label().length - ones) / (double) s.label().length;
    }

    @Test
    void flipMirrorsImageAndMaskAndTwiceIsIdentity() {
        SegmentationSample src = blocks(6, 9, 2, 4);
        SegmentationSample once = new HorizontalFlip(1).apply(src, new SplittableRandom(0));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 9; x++) {
                assertThat(once.labelAt(y * 9 + x)).isEqualTo(src.labelAt(y * 9 + 8 - x));
                for (int c = 0; c < 3; c++) {
                    assertThat(once.image()[c * 54 + y * 9 + x])
                            .isEqualTo(src.image()[c * 54 + y * 9 + 8 - x]);
                }
            }
        }
        SegmentationSample twice = HorizontalFlip.mirror(once);
        assertThat(twice.image()).containsExactly(src.image());
        assertThat(twice.label()).containsExactly(src.label());
        assertThat(new HorizontalFlip(0).apply(src, new SplittableRandom(0))).isSameAs(src);
        int flips = 0;
        for (int seed = 0; seed < 400; seed++) {
            if (new HorizontalFlip(0.5).apply(src, new SplittableRandom(seed)) != src) {
                flips++;
            }
        }
        assertThat(flips).isBetween(160, 240);
    }

    @Test
    void photometricDistortionChangesOnlyTheImageAndStaysInRange() {
        SegmentationSample src = blocks(8, 8, 2, 6);
        PhotometricDistortion jitter = PhotometricDistortion.mmsegDefaults();
        int changed = 0;
        for (int seed = 0; seed < 30; seed++) {
            SegmentationSample out = jitter.apply(src, new SplittableRandom(seed));
            assertThat(out.label()).isSameAs(src.label());
            for (float v : out.image()) {
                assertThat(v).isBetween(0f, 1f);
            }
            if (!java.util.Arrays.equals(out.image(), src.image())) {
                changed++;
            }
            assertThat(out.image())
                    .containsExactly(jitter.apply(src, new SplittableRandom(seed)).image());
        }
        assertThat(changed).isGreaterThan(20);
        // neutral parameters: the HSV round trip leaves the image unchanged
        PhotometricDistortion neutral = new PhotometricDistortion(0, 1, 1, 1, 1, 0);
        for (int seed = 0; seed < 10; seed++) {
            float[] out = neutral.apply(src, new SplittableRandom(seed)).image();
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).isCloseTo(src.image()[i], org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
    }

    @Test
    void hueShiftOfAFullTurnIsIdentityAndGreyStaysGrey() {
        float[] grey = new float[3 * 4];
        java.util.Arrays.fill(grey, 0.4f);
        SegmentationSample g = new SegmentationSample(2, 2, grey, new byte[4]);
        PhotometricDistortion hueOnly = new PhotometricDistortion(0, 1, 1, 0.5, 1.5, 90);
        for (int seed = 0; seed < 10; seed++) {
            float[] out = hueOnly.apply(g, new SplittableRandom(seed)).image();
            for (float v : out) {
                assertThat(v).isCloseTo(0.4f, org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
    }

    @Test
    void pipelineWithPaddingKeepsAlignmentAndPadsWithBlackAndIgnore() {
        SegmentationSample src = blocks(30, 45, 5, 6);
        PairedTransform t = new FixedSize(
                Compose.of(new RandomScale(RandomScale.official(64).scales(), 64),
                        PadTo.black(48, 96), RandomCrop.of(48, 96), new HorizontalFlip(0.5)),
                new PairedTransform.Size(48, 96));
        int padded = 0;
        for (int seed = 0; seed < 40; seed++) {
            SegmentationSample out = t.apply(src, new SplittableRandom(seed));
            assertThat(out.height()).isEqualTo(48);
            assertThat(out.width()).isEqualTo(96);
            assertAligned(out);
            int plane = 48 * 96;
            for (int p = 0; p < plane; p++) {
                boolean black = out.image()[p] == 0 && out.image()[plane + p] == 0
                        && out.image()[2 * plane + p] == 0;
                // the source has no 255 and no black: 255 and black mark the padding, together
                assertThat(out.labelAt(p) == 255).isEqualTo(black);
                padded += black ? 1 : 0;
            }
            assertThat(labels(out)).isSubsetOf(union(labels(src), 255));
        }
        assertThat(padded).isPositive();
    }

    private static Set<Integer> union(Set<Integer> set, int extra) {
        Set<Integer> u = new HashSet<>(set);
        u.add(extra);
        return u;
    }

    @Test
    void presetsGiveTheCropSizeAndAreReproducible() {
        PairedTransform standard = TransformPresets.standard(new PairedTransform.Size(24, 32),
                RandomScale.steps(0.5, 2.0, 0.25), true, true, 0.75);
        assertThat(standard.outputSize(Optional.empty()))
                .contains(new PairedTransform.Size(24, 32));
        for (SegmentationSample src : List.of(blocks(10, 12, 3, 4), blocks(60, 80, 7, 5))) {
            for (int seed = 0; seed < 20; seed++) {
                SegmentationSample a = standard.apply(src, new SplittableRandom(seed));
                SegmentationSample b = standard.apply(src, new SplittableRandom(seed));
                assertThat(a.height()).isEqualTo(24);
                assertThat(a.width()).isEqualTo(32);
                assertThat(a.image()).containsExactly(b.image());
                assertThat(a.label()).containsExactly(b.label());
                assertThat(labels(a)).isSubsetOf(union(labels(src), 255));
            }
        }
        PairedTransform noJitter = TransformPresets.standard(new PairedTransform.Size(24, 32),
                RandomScale.steps(0.5, 2.0, 0.25), true, false, 1);
        for (int seed = 0; seed < 10; seed++) {
            assertAligned(noJitter.apply(blocks(60, 80, 7, 5), new SplittableRandom(seed)));
        }
        PairedTransform official = TransformPresets.cityscapesOfficial(16, 32);
        assertThat(official.outputSize(Optional.empty())).contains(new PairedTransform.Size(16, 32));
        SegmentationSample small = blocks(8, 16, 2, 3); // long side becomes 1024..4301
        SegmentationSample out = official.apply(small, new SplittableRandom(5));
        assertThat(out.height()).isEqualTo(16);
        assertThat(out.width()).isEqualTo(32);
        assertThat(labels(out)).isSubsetOf(labels(small));
    }

    @Test
    void randomCropFlipIsAPairedTransformOfFixedSize() {
        PairedTransform t = new RandomCropFlip(8, 8, true);
        assertThat(t.outputSize(Optional.empty())).contains(new PairedTransform.Size(8, 8));
        SegmentationSample out = t.apply(blocks(5, 20, 2, 3), new SplittableRandom(2));
        assertThat(out.height()).isEqualTo(8);
        assertAligned(out);
        assertThat(Compose.of(RandomScale.steps(0.5, 1, 0.5), t).outputSize(Optional.empty()))
                .contains(new PairedTransform.Size(8, 8));
        assertThat(Compose.of(t, RandomScale.steps(0.5, 1, 0.5)).outputSize(Optional.empty()))
                .isEmpty();
    }

    @Test
    void fixedSizeRejectsAWrongSize() {
        PairedTransform wrong = new FixedSize(RandomCrop.of(4, 4), new PairedTransform.Size(5, 5));
        assertThatThrownBy(() -> wrong.apply(blocks(8, 8, 2, 2), new SplittableRandom(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared 5x5");
    }
}
