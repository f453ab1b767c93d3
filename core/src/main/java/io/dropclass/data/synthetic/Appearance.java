package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;

import io.dropclass.data.synthetic.Texture.Pattern;
import java.util.SplittableRandom;

/**
 * The appearance model of the static street: draws a fresh {@link Material} per surface instance
 * (road, sidewalk, grass, foliage, sky, facades, walls, fences). Actors' materials come from {@link
 * ActorAppearance}.
 *
 * <p>Colours come from wide hue/saturation/value ranges that deliberately overlap between the
 * classes a real model confuses (road/sidewalk, building/wall/fence, vegetation/terrain,
 * person/rider, car/truck/bus/train, bicycle/motorcycle), and patterns are shared between them too
 * (windows on buildings and walls, slats on fences and buildings, grids on sidewalks and roads).
 * None of this uses the Cityscapes palette, so colour alone cannot solve the task.
 */
final class Appearance {

    private Appearance() {}

    /** Asphalt or, sometimes, cobblestones: grey, patchy, grainy. */
    static Material road(SplittableRandom r) {
        Rgb base = Rgb.hsv(between(r, 0.0, 1.0), between(r, 0.0, 0.14), between(r, 0.22, 0.52));
        Texture texture =
                r.nextDouble() < 0.2
                        ? Texture.drawn(r, Pattern.GRID, 0.2, 0.35, 0.2, 0.35, 0.08, 0.16, 1, 5)
                        : Texture.plain(between(r, 1, 6));
        return Material.drawn(r, base, base.scaled(0.8), texture, 0.05, 0.14, 0.06, 0.2);
    }

    /** Paving: overlaps the road's greys, often tiled. */
    static Material sidewalk(SplittableRandom r) {
        Rgb base = Rgb.hsv(between(r, 0.0, 1.0), between(r, 0.0, 0.2), between(r, 0.3, 0.64));
        Texture texture =
                r.nextDouble() < 0.55
                        ? Texture.drawn(r, Pattern.GRID, 0.3, 0.9, 0.3, 0.9, 0.05, 0.12, 1, 4)
                        : Texture.plain(between(r, 1, 4));
        Rgb accent = base.scaled(between(r, 0.7, 0.9));
        return Material.drawn(r, base, accent, texture, 0.04, 0.12, 0.04, 0.15);
    }

    /** Grass and soil: overlaps vegetation's greens, smoother. */
    static Material terrain(SplittableRandom r) {
        Rgb base = Rgb.hsv(between(r, 0.07, 0.3), between(r, 0.2, 0.6), between(r, 0.28, 0.62));
        Texture texture =
                r.nextDouble() < 0.15
                        ? new Texture(
                                Pattern.STRIPES_H, 1, between(r, 0.6, 1.5), 0.5, between(r, 0.4, 2))
                        : Texture.plain(between(r, 0.4, 2));
        return Material.drawn(r, base, base.scaled(0.88), texture, 0.08, 0.2, 0.08, 0.25);
    }

    /** Foliage: blotchy greens from yellowish to bluish, strong grain. */
    static Material vegetation(SplittableRandom r) {
        Rgb base = Rgb.hsv(between(r, 0.13, 0.38), between(r, 0.25, 0.75), between(r, 0.16, 0.55));
        Texture texture = Texture.plain(between(r, 0.25, 1.0));
        return Material.drawn(r, base, base.scaled(0.75), texture, 0.12, 0.3, 0.2, 0.4);
    }

    /** Sky from blue to overcast white-grey (which overlaps pale facades), with soft clouds. */
    static Material sky(SplittableRandom r) {
        Rgb base = Rgb.hsv(between(r, 0.52, 0.66), between(r, 0.0, 0.5), between(r, 0.62, 0.98));
        Texture clouds = Texture.plain(between(r, 6, 20));
        return Material.drawn(r, base, base, clouds, 0.01, 0.04, 0.03, 0.15);
    }

    /** Facades: warm or any hue, pale to dark, usually with windows. */
    static Material building(SplittableRandom r) {
        Rgb base = masonry(r, 0.42, 0.3, 0.86);
        double p = r.nextDouble();
        Texture texture =
                p < 0.7 ? Texture.drawn(r, Pattern.WINDOWS, 2.2, 4.5, 2.8, 3.6, 0.35, 0.6, 1, 4)
                : p < 0.82 ? Texture.drawn(r, Pattern.STRIPES_H, 0.3, 3.2, 0.1, 0.4, 1, 4)
                : p < 0.88 ? Texture.drawn(r, Pattern.STRIPES_V, 0.3, 3, 0.1, 0.4, 1, 4)
                : Texture.drawn(r, Pattern.PLAIN, 1, 4);
        return Material.drawn(r, base, glassOrTrim(r, base), texture, 0.03, 0.1, 0.04, 0.15);
    }

    /** Walls: the facades' colours, with courses, bricks or, rarely, openings. */
    static Material wall(SplittableRandom r) {
        Rgb base = masonry(r, 0.32, 0.28, 0.8);
        double p = r.nextDouble();
        Texture texture =
                p < 0.35 ? Texture.drawn(r, Pattern.STRIPES_H, 0.15, 0.6, 0.1, 0.25, 0.5, 3)
                : p < 0.55 ? Texture.drawn(r, Pattern.GRID, 0.2, 0.5, 0.08, 0.2, 0.08, 0.15, 0.5, 3)
                : p < 0.62 ? Texture.drawn(r, Pattern.WINDOWS, 1.5, 3, 1.0, 2.0, 0.3, 0.5, 0.5, 3)
                : Texture.drawn(r, Pattern.PLAIN, 0.5, 3);
        Rgb accent = base.scaled(between(r, 0.65, 0.9));
        return Material.drawn(r, base, accent, texture, 0.04, 0.12, 0.05, 0.2);
    }

    /** Fences: wood, metal or mesh; slats and mesh in the masonry colours. */
    static Material fence(SplittableRandom r) {
        Rgb base = masonry(r, 0.36, 0.22, 0.72);
        double p = r.nextDouble();
        Texture texture =
                p < 0.6 ? Texture.drawn(r, Pattern.STRIPES_V, 0.1, 0.3, 0.25, 0.65, 0.5, 2)
                : p < 0.85 ? Texture.drawn(r, Pattern.GRID, 0.08, 0.2, 0.08, 0.2, 0.15, 0.3, 0.5, 2)
                : Texture.drawn(r, Pattern.STRIPES_H, 0.1, 0.4, 0.3, 0.6, 0.5, 2);
        Rgb accent = base.scaled(between(r, 0.45, 0.8));
        return Material.drawn(r, base, accent, texture, 0.04, 0.12, 0.04, 0.15);
    }

    /** Road paint: white or yellow, a little worn. */
    static Material marking(SplittableRandom r) {
        Rgb c =
                r.nextDouble() < 0.8
                        ? Rgb.hsv(0.1, between(r, 0.0, 0.1), between(r, 0.65, 0.92))
                        : Rgb.hsv(0.13, between(r, 0.5, 0.8), between(r, 0.6, 0.9));
        return new Material(c, c, Texture.plain(1), 0.08f, 0.1f, r.nextInt());
    }

    /** Rails in the road: bright worn steel. */
    static Material rail(SplittableRandom r) {
        return Material.solid(Rgb.hsv(0.6, 0.05, between(r, 0.45, 0.75)), 0.06f, r.nextInt());
    }

    /** The bonnet of the ego vehicle (ignored in the labels). */
    static Material bonnet(SplittableRandom r) {
        return new Material(
                Rgb.hsv(r.nextDouble(), between(r, 0.0, 0.4), between(r, 0.04, 0.3)),
                Rgb.hsv(0.6, 0.1, 0.5),
                Texture.plain(8),
                0.03f,
                0.3f,
                r.nextInt());
    }

    /** A masonry colour: mostly warm (brick, sand, plaster) but any hue is possible. */
    private static Rgb masonry(
            SplittableRandom r, double maxSaturation, double minValue, double maxValue) {
        double hue = r.nextDouble() < 0.7 ? between(r, 0.0, 0.16) : r.nextDouble();
        return Rgb.hsv(hue, between(r, 0.0, maxSaturation), between(r, minValue, maxValue));
    }

    /** Window glass: dark, or bright where it reflects the sky. */
    private static Rgb glassOrTrim(SplittableRandom r, Rgb base) {
        if (r.nextDouble() < 0.75) {
            return Rgb.hsv(between(r, 0.5, 0.66), between(r, 0.0, 0.3), between(r, 0.08, 0.4));
        }
        return base.scaled(between(r, 1.15, 1.4));
    }
}
