package io.dropclass.data.synthetic;

/**
 * A pinhole camera mounted on a car, looking straight down the street.
 *
 * <p>World coordinates are metres in the camera's frame: lateral {@code X} (right positive),
 * elevation {@code Y} above the ground and depth {@code Z} along the optical axis. Image
 * coordinates are pixels, {@code x} right and {@code y} down; pixel {@code (i, j)} has its centre
 * at {@code (i + 0.5, j + 0.5)}. The horizon row and the vanishing point are where every line along
 * the street meets, so everything shrinks as {@code focal / Z}.
 *
 * @param height image rows
 * @param width image columns
 * @param horizonY image row of the horizon
 * @param vanishX image column of the vanishing point
 * @param focal focal length in pixels
 * @param mountHeight height of the camera above the ground, metres
 */
record Camera(
        int height, int width, double horizonY, double vanishX, double focal, double mountHeight) {

    /** Image column of a point at lateral offset {@code lateral} and depth {@code depth}. */
    double x(double lateral, double depth) {
        return vanishX + focal * lateral / depth;
    }

    /** Image row of a point at elevation {@code elevation} and depth {@code depth}. */
    double y(double elevation, double depth) {
        return horizonY + focal * (mountHeight - elevation) / depth;
    }

    /** Lateral offset of image column {@code x} on the plane at depth {@code depth}. */
    double lateral(double x, double depth) {
        return (x - vanishX) * depth / focal;
    }

    /** Elevation of image row {@code y} on the plane at depth {@code depth}. */
    double elevation(double y, double depth) {
        return mountHeight - (y - horizonY) * depth / focal;
    }

    /** Depth of the ground seen at image row {@code y}; only meaningful below the horizon. */
    double groundDepth(double y) {
        return focal * mountHeight / (y - horizonY);
    }

    /** Depth at which image column {@code x} meets the street-parallel plane at {@code lateral}. */
    double depthOnSide(double x, double lateral) {
        return focal * lateral / (x - vanishX);
    }
}
