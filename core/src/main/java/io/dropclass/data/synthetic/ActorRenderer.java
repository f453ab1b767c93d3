package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the actors far first (painter's order), so nearer things occlude farther ones. Street
 * furniture (trees, poles, signs, lights) is drawn here; people, two-wheelers and vehicles by
 * {@link FigureSprites} and {@link VehicleSprites}.
 */
final class ActorRenderer {

    private ActorRenderer() {}

    /**
     * Draws all actors.
     *
     * @param actors the planned actors, in any order
     * @param c the canvas
     * @param r the sample's random source, for appearance details
     */
    static void render(List<Actor> actors, SceneCanvas c, SplittableRandom r) {
        List<Actor> farFirst = new ArrayList<>(actors);
        // a stable sort keeps the planning order for equal depths, so output stays deterministic
        farFirst.sort(Comparator.comparingDouble(Actor::depth).reversed());
        for (Actor a : farFirst) {
            draw(a, c, r);
        }
    }

    private static void draw(Actor a, SceneCanvas c, SplittableRandom r) {
        switch (a.kind()) {
            case TREE -> tree(c, a, r);
            case POLE -> pole(c, a, r);
            case TRAFFIC_SIGN -> sign(c, a.lateral(), a.depth(), between(r, 2.0, 4.0), r);
            case TRAFFIC_LIGHT -> light(c, a.lateral(), a.depth(), between(r, 2.5, 5.0), r);
            case PERSON -> FigureSprites.person(c, a, r);
            case RIDER ->
                    FigureSprites.rider(c, a, between(r, 0.85, 1.0), between(r, 0.95, 1.1), r);
            case BICYCLE -> FigureSprites.bicycle(c, a, r);
            case MOTORCYCLE -> FigureSprites.motorcycle(c, a, r);
            case CAR -> VehicleSprites.car(c, a, r);
            case TRUCK -> VehicleSprites.truck(c, a, r);
            case BUS -> VehicleSprites.bus(c, a, r);
            case TRAIN -> VehicleSprites.train(c, a, r);
        }
    }

    /** A trunk and a crown of overlapping ellipses; street trees may stand in a grass patch. */
    private static void tree(SceneCanvas c, Actor a, SplittableRandom r) {
        double s = a.scale();
        double x = a.lateral();
        double z = a.depth();
        if (a.has(Actor.PIT)) {
            c.fillGround(
                    SceneClass.TERRAIN, Appearance.terrain(r), x - 0.7, x + 0.7, z - 0.7, z + 0.7);
        }
        Material leaves = Appearance.vegetation(r);
        Brush trunk =
                new Brush(
                        SceneClass.VEGETATION,
                        Material.solid(
                                Rgb.hsv(
                                        between(r, 0.05, 0.12),
                                        between(r, 0.2, 0.5),
                                        between(r, 0.12, 0.4)),
                                0.1f,
                                r.nextInt()),
                        z);
        double trunkTop = between(r, 2.2, 3.5) * s;
        double radius = between(r, 1.4, 2.6) * s;
        c.fillRect(trunk, x - 0.14 * s, x + 0.14 * s, 0, trunkTop + radius * 0.5);
        Brush crown = new Brush(SceneClass.VEGETATION, leaves, z);
        int lobes = 3 + r.nextInt(4);
        double centre = trunkTop + radius * 0.9;
        for (int i = 0; i < lobes; i++) {
            c.fillEllipse(
                    crown,
                    x + between(r, -0.8, 0.8) * radius,
                    centre + between(r, -0.5, 0.6) * radius,
                    radius * between(r, 0.6, 0.9),
                    radius * between(r, 0.55, 0.85));
        }
    }

    /** A pole with whatever it carries: signs, a traffic light, a street lamp on an arm. */
    private static void pole(SceneCanvas c, Actor a, SplittableRandom r) {
        double height = a.scale();
        double x = a.lateral();
        double z = a.depth();
        double half = between(r, 0.05, 0.12);
        Brush pole = new Brush(SceneClass.POLE, ActorAppearance.pole(r), z);
        c.fillRect(pole, x - half, x + half, 0, height);
        double toRoad = a.facing();
        if (a.has(Actor.LAMP)) {
            double reach = between(r, 1.0, 2.5);
            c.fillLine(pole, x, height, x + toRoad * reach, height + 0.3, half * 1.2);
            c.fillEllipse(
                    pole.with(ActorAppearance.lightHousing(r)),
                    x + toRoad * reach,
                    height + 0.2,
                    0.35,
                    0.15);
        }
        if (a.has(Actor.LIGHT)) {
            if (chance(r, 0.35)) {
                double reach = between(r, 2.0, 4.5);
                c.fillLine(pole, x, height - 0.1, x + toRoad * reach, height - 0.1, half * 1.4);
                light(c, x + toRoad * reach, z - 0.05, height - 1.1, r);
            } else {
                light(c, x, z - 0.05, height - 1.0, r);
            }
        }
        if (a.has(Actor.SIGN)) {
            double elevation = Math.min(height - 0.5, between(r, 2.0, 3.0));
            sign(c, x, z - 0.05, elevation, r);
            if (chance(r, 0.25)) {
                sign(c, x, z - 0.05, elevation - 0.8, r);
            }
        }
    }

    /** A traffic light housing with three lamps, its bottom at {@code bottom}. */
    private static void light(
            SceneCanvas c, double x, double z, double bottom, SplittableRandom r) {
        double half = between(r, 0.15, 0.21);
        double height = between(r, 0.8, 1.0);
        Brush housing = new Brush(SceneClass.TRAFFIC_LIGHT, ActorAppearance.lightHousing(r), z);
        c.fillRect(housing, x - half, x + half, bottom, bottom + height);
        int lit = r.nextInt(3);
        Brush dark = housing.with(ActorAppearance.lightHousing(r));
        Brush bright = housing.with(ActorAppearance.lamp(r));
        for (int i = 0; i < 3; i++) {
            double cy = bottom + height * (0.2 + 0.3 * i);
            c.fillEllipse(i == lit ? bright : dark, x, cy, half * 0.6, half * 0.6);
        }
    }

    /** A traffic sign centred at elevation {@code centre}: disc, triangle, rectangle or diamond. */
    private static void sign(SceneCanvas c, double x, double z, double centre, SplittableRandom r) {
        boolean back = chance(r, 0.3);
        Material face = back ? ActorAppearance.pole(r) : ActorAppearance.signFace(r);
        Brush brush = new Brush(SceneClass.TRAFFIC_SIGN, face, z);
        double s = between(r, 0.33, 0.5);
        switch (r.nextInt(4)) {
            case 0 -> c.fillEllipse(brush, x, centre, s, s);
            case 1 ->
                    c.fillPolygon(
                            brush,
                            new double[] {x - s * 1.1, x + s * 1.1, x},
                            new double[] {centre + s * 0.8, centre + s * 0.8, centre - s * 1.1});
            case 2 ->
                    c.fillRect(
                            brush,
                            x - s * between(r, 0.8, 1.6),
                            x + s * between(r, 0.8, 1.6),
                            centre - s * 0.8,
                            centre + s * 0.8);
            default ->
                    c.fillPolygon(
                            brush,
                            new double[] {x - s, x, x + s, x},
                            new double[] {centre, centre + s, centre, centre - s});
        }
        if (!back && chance(r, 0.6)) {
            Brush inner = brush.with(ActorAppearance.signFace(r));
            c.fillEllipse(inner, x, centre, s * 0.55, s * 0.55);
        }
    }
}
