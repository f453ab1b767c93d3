package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;

import java.util.SplittableRandom;

/**
 * Road vehicles as boxes seen from behind or, when oncoming, from the front: the face towards the
 * camera plus the side face that looks towards the street's axis, so length shows in perspective.
 * Cars, trucks, buses and trams draw their paint from the same range; they differ in size, length,
 * proportions, window rows and where they drive.
 */
final class VehicleSprites {

    private VehicleSprites() {}

    /**
     * A box in world metres.
     *
     * @param centre lateral offset of its centre
     * @param halfWidth half its width
     * @param near depth of its near face
     * @param far depth of its far face
     * @param bottom elevation of its underside
     * @param top elevation of its top
     */
    record Box(
            double centre, double halfWidth, double near, double far, double bottom, double top) {

        /** The same footprint between other elevations. */
        Box between(double newBottom, double newTop) {
            return new Box(centre, halfWidth, near, far, newBottom, newTop);
        }
    }

    /** A car, or now and then a van. */
    static void car(SceneCanvas c, Actor a, SplittableRandom r) {
        boolean van = chance(r, 0.15);
        double z = a.depth();
        double half = between(r, 0.82, 0.97);
        double length = van ? between(r, 4.4, 5.4) : between(r, 3.8, 4.8);
        double belt = between(r, 0.75, 0.95) + (van ? 0.25 : 0);
        double roof = van ? between(r, 1.85, 2.15) : between(r, 1.35, 1.55);
        Material paint = ActorAppearance.paint(r);
        Material glass = ActorAppearance.windowBand(r, paint);
        Box body = new Box(a.lateral(), half, z, z + length, 0.28, belt);
        double cabinNear = z + (van ? 0.05 : between(r, 0.5, 0.9));
        Box cabin =
                new Box(
                        a.lateral(),
                        half - 0.1,
                        cabinNear,
                        z + length - (van ? 0.7 : 1.1),
                        belt,
                        roof);
        axleWheels(c, SceneClass.CAR, body, 0.31, r);
        box(c, SceneClass.CAR, glass, paint, cabin);
        inset(c, new Brush(SceneClass.CAR, glass, cabin.near()), cabin, 0.12);
        box(c, SceneClass.CAR, paint, paint, body);
        sideWheels(c, SceneClass.CAR, body, 0.31, r);
        lamps(c, SceneClass.CAR, a.has(Actor.ONCOMING), z, body, r);
    }

    /** A truck: a tall cargo box and a lower cab, the cab in front in the driving direction. */
    static void truck(SceneCanvas c, Actor a, SplittableRandom r) {
        double z = a.depth();
        double half = between(r, 1.2, 1.28);
        double cargoLength = between(r, 4.5, 8);
        double cabLength = between(r, 1.9, 2.4);
        Material cargoPaint = ActorAppearance.cargo(r);
        Material cabPaint = chance(r, 0.5) ? cargoPaint : ActorAppearance.paint(r);
        double top = between(r, 3.0, 3.9);
        boolean oncoming = a.has(Actor.ONCOMING);
        double cargoNear = oncoming ? z + cabLength + 0.2 : z;
        double cabNear = oncoming ? z : z + cargoLength + 0.2;
        double cabTop = between(r, 2.6, Math.min(3.1, top));
        Box cargo = new Box(a.lateral(), half, cargoNear, cargoNear + cargoLength, 0.8, top);
        Box cab = new Box(a.lateral(), half - 0.05, cabNear, cabNear + cabLength, 0.55, cabTop);
        Material glass = ActorAppearance.glass(r);
        Box[] order = oncoming ? new Box[] {cargo, cab} : new Box[] {cab, cargo};
        for (Box b : order) {
            Material paint = b == cab ? cabPaint : cargoPaint;
            axleWheels(c, SceneClass.TRUCK, b.between(0, b.top()), 0.5, r);
            box(c, SceneClass.TRUCK, paint, paint, b);
            sideWheels(c, SceneClass.TRUCK, b, 0.5, r);
        }
        if (oncoming) {
            Brush screen = new Brush(SceneClass.TRUCK, glass, cab.near());
            inset(c, screen, cab.between(cab.top() - 1.0, cab.top()), 0.15);
        }
        lamps(c, SceneClass.TRUCK, oncoming, z, oncoming ? cab : cargo, r);
    }

    /** A bus: a long box with a row of windows, sometimes a double-decker. */
    static void bus(SceneCanvas c, Actor a, SplittableRandom r) {
        double z = a.depth();
        double top = chance(r, 0.1) ? between(r, 4.0, 4.3) : between(r, 2.9, 3.25);
        Box body =
                new Box(a.lateral(), between(r, 1.24, 1.28), z, z + between(r, 10, 13.5), 0.3, top);
        Material paint = ActorAppearance.paint(r);
        Material band = ActorAppearance.windowBand(r, paint);
        axleWheels(c, SceneClass.BUS, body.between(0, top), 0.5, r);
        box(c, SceneClass.BUS, paint, paint, body);
        for (double level = 1.3; level + 1.1 < top; level += 1.45) {
            sideOnly(c, SceneClass.BUS, band, body.between(level, level + 1.1));
        }
        sideWheels(c, SceneClass.BUS, body, 0.5, r);
        Box face = body.between(a.has(Actor.ONCOMING) ? 1.2 : 1.9, top - 0.25);
        inset(c, new Brush(SceneClass.BUS, ActorAppearance.glass(r), z), face, 0.15);
        lamps(c, SceneClass.BUS, a.has(Actor.ONCOMING), z, body, r);
    }

    /** A tram or train: very long, tall, a continuous window row, often a pantograph on top. */
    static void train(SceneCanvas c, Actor a, SplittableRandom r) {
        double z = a.depth();
        double top = between(r, 3.3, 3.9);
        Box body =
                new Box(a.lateral(), between(r, 1.18, 1.33), z, z + between(r, 25, 45), 0.35, top);
        Material paint = ActorAppearance.paint(r);
        if (chance(r, 0.6)) {
            Brush arm = new Brush(SceneClass.TRAIN, ActorAppearance.pole(r), z + between(r, 3, 8));
            double x = a.lateral();
            c.fillLine(arm, x - 0.5, top, x + 0.2, top + 0.6, 0.06);
            c.fillLine(arm, x + 0.2, top + 0.6, x - 0.3, top + 1.2, 0.06);
            c.fillLine(arm, x - 0.7, top + 1.2, x + 0.7, top + 1.2, 0.06);
        }
        box(c, SceneClass.TRAIN, paint, paint, body);
        sideOnly(
                c, SceneClass.TRAIN, ActorAppearance.windowBand(r, paint), body.between(1.25, 2.5));
        sideOnly(c, SceneClass.TRAIN, ActorAppearance.rubber(r), body.between(0.35, 0.6));
        inset(c, new Brush(SceneClass.TRAIN, ActorAppearance.glass(r), z),
                body.between(1.5, top - 0.35), 0.2);
        lamps(c, SceneClass.TRAIN, a.has(Actor.ONCOMING), z, body.between(0.6, 1.3), r);
    }

    /** The visible side face (if any) and the face towards the camera. */
    private static void box(SceneCanvas c, int classId, Material side, Material face, Box b) {
        sideOnly(c, classId, side, b);
        c.fillRect(
                new Brush(classId, face, b.near()),
                b.centre() - b.halfWidth(),
                b.centre() + b.halfWidth(),
                b.bottom(),
                b.top());
    }

    /** The side face that looks towards the street's axis, when the camera can see it. */
    private static void sideOnly(SceneCanvas c, int classId, Material m, Box b) {
        double left = b.centre() - b.halfWidth();
        double right = b.centre() + b.halfWidth();
        double top = b.top();
        if (left > 0.05) {
            c.fillSide(new Brush(classId, m, b.near()), left, b.far(), b.bottom(), z -> top);
        } else if (right < -0.05) {
            c.fillSide(new Brush(classId, m, b.near()), right, b.far(), b.bottom(), z -> top);
        }
    }

    /** A rectangle inside the near face, {@code margin} metres from its sides. */
    private static void inset(SceneCanvas c, Brush b, Box box, double margin) {
        c.fillRect(
                b,
                box.centre() - box.halfWidth() + margin,
                box.centre() + box.halfWidth() - margin,
                box.bottom(),
                box.top());
    }

    /** Tyres under the near face, seen between the ground and the underside. */
    private static void axleWheels(
            SceneCanvas c, int classId, Box b, double radius, SplittableRandom r) {
        Brush tyre = new Brush(classId, ActorAppearance.rubber(r), b.near() + radius);
        double left = b.centre() - b.halfWidth();
        double right = b.centre() + b.halfWidth();
        c.fillRect(tyre, left + 0.02, left + 0.3, 0, radius * 1.6);
        c.fillRect(tyre, right - 0.3, right - 0.02, 0, radius * 1.6);
    }

    /** Two tyres on the visible side face. */
    private static void sideWheels(
            SceneCanvas c, int classId, Box b, double radius, SplittableRandom r) {
        Material rubber = ActorAppearance.rubber(r);
        double[] axles = {b.near() + radius * 2.2, b.far() - radius * 2.4};
        for (double axle : axles) {
            sideOnly(
                    c,
                    classId,
                    rubber,
                    new Box(
                            b.centre(),
                            b.halfWidth(),
                            axle - radius,
                            axle + radius,
                            0,
                            radius * 1.8));
        }
    }

    /**
     * Two lamps near the bottom corners of the near face, at depth {@code z}: warm white on a
     * vehicle's front, red on its back.
     */
    private static void lamps(
            SceneCanvas c, int classId, boolean front, double z, Box b, SplittableRandom r) {
        Brush lamp = new Brush(classId, ActorAppearance.vehicleLamp(r, front), z);
        double left = b.centre() - b.halfWidth();
        double right = b.centre() + b.halfWidth();
        double y = b.bottom() + 0.35;
        c.fillRect(lamp, left + 0.08, left + 0.3, y, y + 0.16);
        c.fillRect(lamp, right - 0.3, right - 0.08, y, y + 0.16);
    }
}
