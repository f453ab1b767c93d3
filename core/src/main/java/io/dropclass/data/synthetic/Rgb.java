package io.dropclass.data.synthetic;

/**
 * A linear RGB colour with components in [0, 1].
 *
 * @param red red
 * @param green green
 * @param blue blue
 */
record Rgb(float red, float green, float blue) {

    /**
     * Converts hue, saturation and value to RGB.
     *
     * @param hue in [0, 1), wraps around
     * @param saturation in [0, 1]
     * @param value in [0, 1]
     * @return the colour
     */
    static Rgb hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6.0;
        int sector = (int) h;
        double f = h - sector;
        float v = (float) value;
        float p = (float) (value * (1 - saturation));
        float q = (float) (value * (1 - saturation * f));
        float t = (float) (value * (1 - saturation * (1 - f)));
        switch (sector) {
            case 0:
                return new Rgb(v, t, p);
            case 1:
                return new Rgb(q, v, p);
            case 2:
                return new Rgb(p, v, t);
            case 3:
                return new Rgb(p, q, v);
            case 4:
                return new Rgb(t, p, v);
            default:
                return new Rgb(v, p, q);
        }
    }

    /** This colour with every component multiplied by {@code factor}. */
    Rgb scaled(double factor) {
        return new Rgb((float) (red * factor), (float) (green * factor), (float) (blue * factor));
    }
}
