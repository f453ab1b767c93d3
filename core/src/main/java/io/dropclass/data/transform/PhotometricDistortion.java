package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Colour jitter in the style of mmseg's PhotoMetricDistortion, on the image only (the mask is
 * shared, not copied). In order, each step taken with probability 0.5: brightness (add a uniform
 * delta in ±brightnessDelta/255); contrast (multiply by a uniform factor in [contrastLow,
 * contrastHigh]), either here or last, chosen with probability 0.5; saturation (multiply HSV
 * saturation by a uniform factor in [saturationLow, saturationHigh]); hue (shift by a uniform
 * integer in ±hueDelta on OpenCV's 0..180 hue scale, that is twice that in degrees). Values are
 * clipped to [0, 1] after each step, as mmseg clips to [0, 255].
 *
 * <p>Differences from mmseg: it works in floats (mmseg rounds to uint8 between the HSV steps), and
 * the hue shift is continuous in the pixel's hue (mmseg truncates the hue to an integer first).
 *
 * @param brightnessDelta in 0..255 units (mmseg: 32)
 * @param contrastLow lower contrast factor (0.5)
 * @param contrastHigh upper contrast factor (1.5)
 * @param saturationLow lower saturation factor (0.5)
 * @param saturationHigh upper saturation factor (1.5)
 * @param hueDelta in OpenCV hue units, 0..180 for a full turn (18)
 */
public record PhotometricDistortion(
        double brightnessDelta,
        double contrastLow,
        double contrastHigh,
        double saturationLow,
        double saturationHigh,
        int hueDelta)
        implements PairedTransform {

    /** Validates. */
    public PhotometricDistortion {
        if (brightnessDelta < 0 || hueDelta < 0 || hueDelta > 180
                || !(contrastLow >= 0 && contrastLow <= contrastHigh)
                || !(saturationLow >= 0 && saturationLow <= saturationHigh)) {
            throw new IllegalArgumentException("invalid photometric distortion parameters");
        }
    }

    /**
     * mmseg's defaults: brightness 32, contrast and saturation 0.5–1.5, hue 18.
     *
     * @return the transform
     */
    public static PhotometricDistortion mmsegDefaults() {
        return new PhotometricDistortion(32, 0.5, 1.5, 0.5, 1.5, 18);
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        float[] img = sample.image().clone();
        if (random.nextBoolean()) {
            float delta = (float) (uniform(random, -brightnessDelta, brightnessDelta) / 255);
            for (int i = 0; i < img.length; i++) {
                img[i] = clip(img[i] + delta);
            }
        }
        boolean contrastFirst = random.nextBoolean();
        if (contrastFirst) {
            contrast(img, random);
        }
        boolean saturate = random.nextBoolean();
        double saturation = saturate ? uniform(random, saturationLow, saturationHigh) : 1;
        boolean shiftHue = random.nextBoolean();
        int hue = shiftHue ? random.nextInt(-hueDelta, hueDelta + 1) : 0;
        if (saturate || shiftHue) {
            hsv(img, (float) saturation, hue * 2f);
        }
        if (!contrastFirst) {
            contrast(img, random);
        }
        return new SegmentationSample(sample.height(), sample.width(), img, sample.label());
    }

    private void contrast(float[] img, SplittableRandom random) {
        if (random.nextBoolean()) {
            float alpha = (float) uniform(random, contrastLow, contrastHigh);
            for (int i = 0; i < img.length; i++) {
                img[i] = clip(img[i] * alpha);
            }
        }
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static float clip(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    /** Multiplies saturation and shifts hue (degrees), per pixel, through HSV. */
    private static void hsv(float[] img, float saturation, float hueShift) {
        int plane = img.length / 3;
        for (int i = 0; i < plane; i++) {
            float r = img[i];
            float g = img[plane + i];
            float b = img[2 * plane + i];
            float v = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float d = v - min;
            float s = v > 0 ? d / v : 0;
            float hue;
            if (d == 0) {
                hue = 0;
            } else if (v == r) {
                hue = 60 * (g - b) / d;
            } else if (v == g) {
                hue = 120 + 60 * (b - r) / d;
            } else {
                hue = 240 + 60 * (r - g) / d;
            }
            s = clip(s * saturation);
            hue = (hue + hueShift) % 360;
            if (hue < 0) {
                hue += 360;
            }
            // HSV -> RGB
            float c = v * s;
            float hp = hue / 60;
            float x = c * (1 - Math.abs(hp % 2 - 1));
            float m = v - c;
            float rr;
            float gg;
            float bb;
            switch ((int) hp) {
                case 0 -> { rr = c; gg = x; bb = 0; }
                case 1 -> { rr = x; gg = c; bb = 0; }
                case 2 -> { rr = 0; gg = c; bb = x; }
                case 3 -> { rr = 0; gg = x; bb = c; }
                case 4 -> { rr = x; gg = 0; bb = c; }
                default -> { rr = c; gg = 0; bb = x; }
            }
            img[i] = clip(rr + m);
            img[plane + i] = clip(gg + m);
            img[2 * plane + i] = clip(bb + m);
        }
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return input;
    }
}
