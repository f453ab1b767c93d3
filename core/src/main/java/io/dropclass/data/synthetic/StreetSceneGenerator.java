package io.dropclass.data.synthetic;

import io.dropclass.data.SegmentationSample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates synthetic street scenes labelled with the 19 Cityscapes train classes.
 *
 * <p>A sample is a pure function of (seed, split, index) and the image size: its random source is a
 * {@link SplittableRandom} seeded from a mix of the three, and nothing else is shared, so samples
 * are bit-identical whatever the thread or the order. {@link SyntheticSplit#VAL} and {@link
 * SyntheticSplit#SHIFT} ignore the seed (they are fixed sets).
 *
 * <p>Over many training images the classes' pixel shares match Cityscapes' within a small factor,
 * so ten classes stay below 1 % of the pixels. Instances get their colours from overlapping ranges,
 * textures, illumination changes, noise and blur: rare classes are hard on purpose.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param height image rows, at least {@value #MIN_HEIGHT}
 * @param width image columns, at least {@value #MIN_WIDTH}
 */
public record StreetSceneGenerator(int height, int width) {

    /** The smallest supported image height. */
    public static final int MIN_HEIGHT = 16;

    /** The smallest supported image width. */
    public static final int MIN_WIDTH = 32;

    /**
     * A generator of images of the given size.
     *
     * @throws IllegalArgumentException when a size is too small
     */
    public StreetSceneGenerator {
        if (height < MIN_HEIGHT) {
            throw new IllegalArgumentException(
                    "height must be at least " + MIN_HEIGHT + ", got " + height);
        }
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException(
                    "width must be at least " + MIN_WIDTH + ", got " + width);
        }
    }

    /**
     * Generates one sample.
     *
     * @param seed the training seed; ignored by the fixed splits
     * @param split which split the sample belongs to
     * @param index the sample's index, at least 0
     * @return a fresh sample: planar RGB in [0, 1] and train ids 0..18 or 255
     */
    public SegmentationSample generate(long seed, SyntheticSplit split, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative, got " + index);
        }
        SplittableRandom root = new SplittableRandom(sampleSeed(seed, split, index));
        // one independent stream per stage: tuning one stage does not reshuffle the others
        SplittableRandom layoutRandom = root.split();
        SplittableRandom actorRandom = root.split();
        SplittableRandom paintRandom = root.split();
        SplittableRandom cameraRandom = root.split();
        StreetLayout layout = StreetPlanner.plan(height, width, layoutRandom);
        List<Actor> actors = ActorPlanner.plan(layout, actorRandom, split.breaksContext());
        SceneCanvas canvas = new SceneCanvas(layout.camera());
        BackgroundRenderer.render(layout, canvas, paintRandom);
        ActorRenderer.render(actors, canvas, paintRandom);
        BackgroundRenderer.paintBonnet(layout, canvas, paintRandom);
        PhotometricEffects.apply(canvas.image(), height, width, cameraRandom);
        return new SegmentationSample(height, width, canvas.image(), canvas.label());
    }

    /**
     * The seed of one sample's random source: the effective seed of the split (the training seed,
     * or the split's own constant), the split and the index, mixed so neighbouring indices and
     * seeds give unrelated streams.
     */
    static long sampleSeed(long seed, SyntheticSplit split, int index) {
        // the split's name, not its ordinal, so reordering the enum cannot change the fixed sets
        long h = mix(split.effectiveSeed(seed) + 0x9E3779B97F4A7C15L * split.id().hashCode());
        return mix(h ^ (0xD1B54A32D192ED03L * (index + 1L)));
    }

    /** The SplitMix64 finaliser: a bijective avalanche mix of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
