package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;

import java.util.SplittableRandom;

/**
 * People and two-wheelers, drawn on a plane facing the camera in metres around their ground point.
 * Persons and riders share body parts and clothes, so the difference is the pose and what is under
 * them; bicycles and motorcycles share wheels and frames, so the difference is the body mass.
 */
final class FigureSprites {

    private FigureSprites() {}

    /** A standing or walking pedestrian, about {@code 1.75 * scale} metres tall. */
    static void person(SceneCanvas c, Actor a, SplittableRandom r) {
        double h = 1.75 * a.scale();
        double x = a.lateral();
        Brush top = new Brush(SceneClass.PERSON, ActorAppearance.clothes(r), a.depth());
        Brush legs = top.with(ActorAppearance.clothes(r));
        double stride = between(r, 0, 0.16) * h;
        double hip = 0.5 * h;
        double limb = 0.075 * h;
        c.fillLine(legs, x - 0.05 * h, hip, x - stride / 2 - 0.05 * h, 0.02 * h, limb);
        c.fillLine(legs, x + 0.05 * h, hip, x + stride / 2 + 0.05 * h, 0.02 * h, limb);
        double shoulder = 0.12 * h * between(r, 0.9, 1.15);
        c.fillPolygon(
                top,
                new double[] {x - 0.09 * h, x + 0.09 * h, x + shoulder, x - shoulder},
                new double[] {hip - 0.02 * h, hip - 0.02 * h, 0.82 * h, 0.82 * h});
        double swing = between(r, -0.08, 0.08) * h;
        c.fillLine(
                top, x - shoulder, 0.81 * h, x - shoulder - 0.03 * h + swing, 0.47 * h, 0.05 * h);
        c.fillLine(
                top, x + shoulder, 0.81 * h, x + shoulder + 0.03 * h - swing, 0.47 * h, 0.05 * h);
        c.fillEllipse(top.with(ActorAppearance.skin(r)), x, 0.91 * h, 0.062 * h, 0.075 * h);
        if (r.nextDouble() < 0.3) {
            c.fillRect(
                    top.with(ActorAppearance.clothes(r)),
                    x + a.facing() * 0.05 * h,
                    x + a.facing() * 0.16 * h,
                    0.45 * h,
                    0.62 * h);
        }
    }

    /**
     * A rider sitting with the hip at {@code seat} and the hands at {@code bar} (elevations),
     * leaning towards {@code facing}. Used on bicycles and motorcycles, and without them in SHIFT.
     */
    static void rider(SceneCanvas c, Actor a, double seat, double bar, SplittableRandom r) {
        double s = a.scale();
        double f = a.facing();
        double x = a.lateral();
        Brush body = new Brush(SceneClass.RIDER, ActorAppearance.clothes(r), a.depth() - 0.05);
        Brush legs = body.with(ActorAppearance.clothes(r));
        double hipX = x - f * 0.15;
        double kneeX = x + f * 0.2;
        double knee = seat - 0.2 * s;
        c.fillLine(legs, hipX, seat, kneeX, knee, 0.14 * s);
        c.fillLine(legs, kneeX, knee, x + f * 0.05, Math.max(0.1, seat - 0.62 * s), 0.11 * s);
        double shoulderX = x + f * 0.12;
        double shoulder = seat + 0.55 * s;
        c.fillPolygon(
                body,
                new double[] {
                    hipX - f * 0.12, hipX + f * 0.12, shoulderX + f * 0.13, shoulderX - f * 0.14
                },
                new double[] {seat - 0.05, seat - 0.05, shoulder, shoulder + 0.02});
        c.fillLine(body, shoulderX, shoulder - 0.05, x + f * 0.5, bar, 0.08 * s);
        Brush head =
                body.with(
                        r.nextDouble() < 0.5 ? ActorAppearance.skin(r) : ActorAppearance.paint(r));
        c.fillEllipse(head, shoulderX + f * 0.06, shoulder + 0.16 * s, 0.11 * s, 0.13 * s);
    }

    /** A bicycle side-on: two thin wheels and a diamond frame; ridden ones carry a rider. */
    static void bicycle(SceneCanvas c, Actor a, SplittableRandom r) {
        Wheels w = Wheels.draw(c, a, r, SceneClass.BICYCLE, 0.34, 0.52, 0.52, 0.8);
        double s = a.scale();
        double f = a.facing();
        double x = a.lateral();
        Brush frame = w.frame();
        double seatX = x - f * 0.12 * s;
        double seat = 0.9 * s;
        double crankX = x;
        double crank = 0.3 * s;
        double headX = x + f * 0.4 * s;
        double head = 0.88 * s;
        double t = 0.05 * s;
        c.fillLine(frame, w.rear(), w.radius(), seatX, seat - 0.05, t);
        c.fillLine(frame, w.rear(), w.radius(), crankX, crank, t);
        c.fillLine(frame, seatX, seat, crankX, crank, t);
        c.fillLine(frame, seatX, seat - 0.08, headX, head - 0.05, t);
        c.fillLine(frame, crankX, crank, headX, head - 0.1, t);
        c.fillLine(frame, headX, head + 0.1, w.front(), w.radius(), t);
        c.fillLine(frame, seatX - f * 0.08, seat + 0.02, seatX + f * 0.08, seat + 0.02, t * 1.6);
        c.fillLine(frame, headX - f * 0.02, head + 0.14, headX - f * 0.12, head + 0.16, t);
        if (a.has(Actor.RIDDEN)) {
            rider(c, a, seat + 0.05, head + 0.12, r);
        }
    }

    /** A motorcycle side-on: thick wheels and a solid body; ridden ones carry a rider. */
    static void motorcycle(SceneCanvas c, Actor a, SplittableRandom r) {
        Wheels w = Wheels.draw(c, a, r, SceneClass.MOTORCYCLE, 0.32, 0.68, 0.7, 0.45);
        double hub = w.radius() * 0.4;
        c.fillEllipse(w.tyre().with(ActorAppearance.pole(r)), w.rear(), w.radius(), hub, hub);
        Brush body = w.frame();
        double s = a.scale();
        double f = a.facing();
        double x = a.lateral();
        c.fillPolygon(
                body,
                new double[] {
                    x - f * 0.45, x + f * 0.4, x + f * 0.55, x + f * 0.25, x - f * 0.35, x - f * 0.8
                },
                new double[] {0.3 * s, 0.3 * s, 0.72 * s, 0.95 * s, 0.85 * s, 0.7 * s});
        c.fillLine(body, x + f * 0.5, 0.9 * s, w.front(), w.radius(), 0.07 * s);
        c.fillLine(body, x + f * 0.5, 0.9 * s, x + f * 0.42, 1.08 * s, 0.05 * s);
        if (a.has(Actor.RIDDEN)) {
            rider(c, a, 0.88 * s, 1.05 * s, r);
        }
    }

    /**
     * The two wheels of a bicycle or motorcycle, painted: the tyre and frame materials (drawn in
     * that order), the wheel radius and the wheels' lateral centres.
     */
    private record Wheels(Brush tyre, Brush frame, double radius, double rear, double front) {

        /**
         * Draws the materials and paints both wheels.
         *
         * @param shape the radius, the rear and front wheel offsets (times the actor's scale) and
         *     the tyre ring's thickness (a fraction of the radius)
         */
        static Wheels draw(
                SceneCanvas c, Actor a, SplittableRandom r, int classId, double... shape) {
            double s = a.scale();
            double f = a.facing();
            double x = a.lateral();
            Brush tyre = new Brush(classId, ActorAppearance.rubber(r), a.depth());
            Brush frame = tyre.with(ActorAppearance.frame(r));
            double radius = shape[0] * s;
            double rear = x - f * shape[1] * s;
            double front = x + f * shape[2] * s;
            c.fillRing(tyre, rear, radius, radius, radius, shape[3]);
            c.fillRing(tyre, front, radius, radius, radius, shape[3]);
            return new Wheels(tyre, frame, radius, rear, front);
        }
    }
}
