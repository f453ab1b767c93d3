package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;

import java.util.SplittableRandom;

/**
 * A repeating pattern on a surface, in the surface's own coordinates (metres), so windows, tiles
 * and slats follow perspective. {@link #mask} says where the accent colour replaces the base
 * colour.
 *
 * @param pattern the kind of pattern
 * @param periodU repeat length along the surface's first axis, metres
 * @param periodV repeat length along the second (usually vertical) axis, metres
 * @param duty fraction of each period covered by the accent, in (0, 1)
 * @param blotchScale size of the soft blotches of {@link Material#blotch()}, metres
 */
record Texture(Pattern pattern, double periodU, double periodV, double duty, double blotchScale) {

    /** The pattern families; several classes share each one so texture alone does not decide. */
    enum Pattern {
        /** No pattern. */
        PLAIN,
        /** Horizontal bands (brick courses, window rows, planks). */
        STRIPES_H,
        /** Vertical bands (fence slats, railings, facade pillars). */
        STRIPES_V,
        /** Rectangles in a grid (windows). */
        WINDOWS,
        /** Thin grid lines (paving, tiles, mesh). */
        GRID
    }

    /** A plain texture with blotches of the given size. */
    static Texture plain(double blotchScale) {
        return new Texture(Pattern.PLAIN, 1, 1, 0.5, blotchScale);
    }

    /**
     * A texture whose parameters are drawn, in order, from {@code [lo, hi)} ranges: the periods
     * (only {@code periodV} for horizontal stripes, only {@code periodU} for vertical ones, none
     * for a plain texture; the other period is 1), then the duty (not for a plain texture), then
     * the blotch scale.
     *
     * @param r the random source
     * @param pattern the kind of pattern
     * @param ranges the ranges' bounds as {@code lo, hi} pairs, one pair per drawn parameter
     */
    static Texture drawn(SplittableRandom r, Pattern pattern, double... ranges) {
        double[] d = new double[ranges.length / 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = between(r, ranges[2 * i], ranges[2 * i + 1]);
        }
        return switch (pattern) {
            case PLAIN -> plain(d[0]);
            case STRIPES_H -> new Texture(pattern, 1, d[0], d[1], d[2]);
            case STRIPES_V -> new Texture(pattern, d[0], 1, d[1], d[2]);
            default -> new Texture(pattern, d[0], d[1], d[2], d[3]);
        };
    }

    /**
     * Whether the accent colour shows at surface point {@code (u, v)}.
     *
     * @param u first surface coordinate, metres
     * @param v second surface coordinate, metres
     * @return true where the pattern is drawn
     */
    boolean mask(double u, double v) {
        switch (pattern) {
            case STRIPES_H:
                return fraction(v / periodV) < duty;
            case STRIPES_V:
                return fraction(u / periodU) < duty;
            case WINDOWS:
                return centred(fraction(u / periodU)) && centred(fraction(v / periodV));
            case GRID:
                return fraction(u / periodU) < duty || fraction(v / periodV) < duty;
            default:
                return false;
        }
    }

    private boolean centred(double f) {
        return Math.abs(f - 0.5) < duty * 0.5;
    }

    private static double fraction(double t) {
        return t - Math.floor(t);
    }
}
