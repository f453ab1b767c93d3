package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.amount;
import static io.dropclass.data.synthetic.Draws.between;

import io.dropclass.data.synthetic.Texture.Pattern;
import java.util.SplittableRandom;

/**
 * The appearance model of actors: poles, signs, lights, people, vehicles and two-wheelers. As in
 * {@link Appearance}, the ranges overlap between classes that a real model confuses: persons and
 * riders wear the same clothes; cars, trucks, buses and trains share one paint range; bicycles and
 * motorcycles share frames; sign backs look like poles.
 */
final class ActorAppearance {

    private ActorAppearance() {}

    /** Metal or concrete posts; sign backs share this look. */
    static Material pole(SplittableRandom r) {
        Rgb base = Rgb.hsv(r.nextDouble(), between(r, 0.0, 0.25), between(r, 0.18, 0.66));
        return new Material(
                base,
                base.scaled(0.7),
                r.nextDouble() < 0.1
                        ? new Texture(Pattern.STRIPES_H, 1, between(r, 0.4, 1.0), 0.5, 1)
                        : Texture.plain(1),
                amount(r, 0.03, 0.08),
                0f,
                r.nextInt());
    }

    /** Painted faces of signs: saturated reds, blues, yellows or white. */
    static Material signFace(SplittableRandom r) {
        double[] hues = {0.0, 0.0, 0.6, 0.13, 0.33};
        double hue = hues[r.nextInt(hues.length)] + between(r, -0.03, 0.03);
        double saturation = r.nextDouble() < 0.2 ? between(r, 0.0, 0.1) : between(r, 0.45, 0.9);
        return Material.solid(Rgb.hsv(hue, saturation, between(r, 0.45, 0.95)), 0.05f, r.nextInt());
    }

    /** Housings of traffic lights: dark, sometimes yellow; lamps are {@link #lamp}. */
    static Material lightHousing(SplittableRandom r) {
        Rgb c =
                r.nextDouble() < 0.2
                        ? Rgb.hsv(
                                between(r, 0.1, 0.15), between(r, 0.5, 0.8), between(r, 0.45, 0.8))
                        : Rgb.hsv(r.nextDouble(), between(r, 0.0, 0.2), between(r, 0.04, 0.3));
        return Material.solid(c, 0.05f, r.nextInt());
    }

    /** A lit lamp: red, amber or green. */
    static Material lamp(SplittableRandom r) {
        double[] hues = {0.0, 0.1, 0.38};
        return Material.solid(
                Rgb.hsv(hues[r.nextInt(3)], between(r, 0.4, 0.9), between(r, 0.7, 1.0)),
                0.03f,
                r.nextInt());
    }

    /** Clothes: any colour, mostly dark; persons and riders draw from the same range. */
    static Material clothes(SplittableRandom r) {
        Rgb base = Rgb.hsv(r.nextDouble(), between(r, 0.0, 0.7), between(r, 0.07, 0.68));
        Texture texture =
                r.nextDouble() < 0.15
                        ? new Texture(Pattern.STRIPES_H, 1, between(r, 0.08, 0.2), 0.5, 0.3)
                        : Texture.plain(0.3);
        return Material.drawn(r, base, base.scaled(0.6), texture, 0.04, 0.1, 0.0, 0.1);
    }

    /** Skin tones, for faces and hands. */
    static Material skin(SplittableRandom r) {
        return Material.solid(
                Rgb.hsv(between(r, 0.02, 0.09), between(r, 0.2, 0.6), between(r, 0.25, 0.85)),
                0.04f,
                r.nextInt());
    }

    /** Vehicle paint: greys or any hue; cars, trucks, buses and trains all draw from it. */
    static Material paint(SplittableRandom r) {
        double saturation = r.nextDouble() < 0.45 ? between(r, 0.0, 0.1) : between(r, 0.2, 0.85);
        Rgb base = Rgb.hsv(r.nextDouble(), saturation, between(r, 0.1, 0.9));
        return Material.drawn(r, base, base.scaled(0.7), Texture.plain(2), 0.02, 0.07, 0.0, 0.08);
    }

    /** Windows of vehicles: dark bluish grey. */
    static Material glass(SplittableRandom r) {
        Rgb tint = Rgb.hsv(between(r, 0.5, 0.66), between(r, 0.05, 0.3), between(r, 0.06, 0.36));
        return Material.drawn(
                r, tint, Rgb.hsv(0.6, 0.1, 0.5), Texture.plain(1.5), 0.02, 0.05, 0.05, 0.2);
    }

    /** A row of vehicle windows: glass with pillars in the body's colour every few metres. */
    static Material windowBand(SplittableRandom r, Material body) {
        Material glass = glass(r);
        Texture pillars =
                new Texture(Pattern.STRIPES_V, between(r, 1.2, 2.4), 1, between(r, 0.08, 0.2), 1.5);
        return new Material(
                glass.base(), body.base(), pillars, glass.grain(), glass.blotch(), glass.salt());
    }

    /** Cargo boxes: vehicle paint, often with ribs or bands. */
    static Material cargo(SplittableRandom r) {
        Material body = paint(r);
        double p = r.nextDouble();
        Texture texture =
                p < 0.4
                        ? new Texture(Pattern.STRIPES_V, between(r, 0.25, 0.7), 1, 0.15, 2)
                        : p < 0.6
                                ? new Texture(Pattern.STRIPES_H, 1, between(r, 0.6, 1.6), 0.3, 2)
                                : Texture.plain(2);
        return new Material(
                body.base(),
                body.base().scaled(between(r, 0.6, 0.85)),
                texture,
                body.grain(),
                body.blotch(),
                body.salt());
    }

    /** Vehicle lamps: warm white at the front, red at the back. */
    static Material vehicleLamp(SplittableRandom r, boolean front) {
        Rgb c =
                front
                        ? Rgb.hsv(0.12, between(r, 0.0, 0.3), between(r, 0.75, 1.0))
                        : Rgb.hsv(
                                between(r, -0.02, 0.05),
                                between(r, 0.6, 0.95),
                                between(r, 0.5, 0.95));
        return Material.solid(c, 0.03f, r.nextInt());
    }

    /** Tyres and other black rubber. */
    static Material rubber(SplittableRandom r) {
        return Material.solid(
                Rgb.hsv(r.nextDouble(), 0.05, between(r, 0.03, 0.15)), 0.05f, r.nextInt());
    }

    /** Frames of bicycles and bodies of motorcycles: any colour. */
    static Material frame(SplittableRandom r) {
        return Material.solid(
                Rgb.hsv(r.nextDouble(), between(r, 0.0, 0.85), between(r, 0.08, 0.75)),
                0.05f,
                r.nextInt());
    }
}
