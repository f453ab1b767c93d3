package io.dropclass.data.synthetic;

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
