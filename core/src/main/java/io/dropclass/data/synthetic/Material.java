package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.amount;

import java.util.SplittableRandom;

/**
 * The look of one surface instance: a base and an accent colour laid out by a {@link Texture},
 * modulated by soft blotches (dirt, foliage, clouds) and per-pixel grain.
 *
 * @param base the main colour
 * @param accent the colour of the pattern (windows, slats, joints)
 * @param texture where the accent goes
 * @param grain amplitude of per-pixel multiplicative noise
 * @param blotch amplitude of smooth multiplicative noise at {@link Texture#blotchScale()}
 * @param salt distinguishes the noise of different instances
 */
record Material(Rgb base, Rgb accent, Texture texture, float grain, float blotch, int salt) {

    /** A plain material: one colour, optional grain, no pattern. */
    static Material solid(Rgb colour, float grain, int salt) {
        return new Material(colour, colour, Texture.plain(1), grain, 0f, salt);
    }

    /**
     * A material whose grain and blotch amplitudes are drawn (grain first) and whose salt is the
     * next integer of {@code r}, after the colours and texture the caller drew.
     *
     * @param r the random source
     * @param base the main colour
     * @param accent the colour of the pattern
     * @param texture where the accent goes
     * @param ranges the grain's then the blotch's {@code [lo, hi)}: four numbers
     */
    static Material drawn(
            SplittableRandom r, Rgb base, Rgb accent, Texture texture, double... ranges) {
        float grain = amount(r, ranges[0], ranges[1]);
        float blotch = amount(r, ranges[2], ranges[3]);
        return new Material(base, accent, texture, grain, blotch, r.nextInt());
    }

    /** The same material with another base colour. */
    Material withBase(Rgb colour) {
        return new Material(colour, accent, texture, grain, blotch, salt);
    }

    /**
     * Writes this material's colour at one pixel of a planar RGB image.
     *
     * @param image planar RGB, {@code 3 * plane} values
     * @param pixel row-major pixel index
     * @param plane pixels per channel
     * @param u first surface coordinate, metres
     * @param v second surface coordinate, metres
     */
    void paint(float[] image, int pixel, int plane, double u, double v) {
        Rgb c = texture.mask(u, v) ? accent : base;
        float m = 1f;
        if (grain > 0f) {
            m += grain * HashNoise.signed(pixel, 0, salt);
        }
        if (blotch > 0f) {
            double s = texture.blotchScale();
            m += blotch * HashNoise.value(u / s, v / s, salt);
        }
        image[pixel] = c.red() * m;
        image[plane + pixel] = c.green() * m;
        image[2 * plane + pixel] = c.blue() * m;
    }
}
