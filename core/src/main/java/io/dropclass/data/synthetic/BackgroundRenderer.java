package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;

import io.dropclass.data.synthetic.StreetLayout.Block;
import io.dropclass.data.synthetic.StreetLayout.Frontage;
import io.dropclass.data.synthetic.StreetLayout.Road;
import io.dropclass.data.synthetic.StreetLayout.Segment;
import io.dropclass.data.synthetic.StreetLayout.SegmentKind;
import io.dropclass.data.synthetic.StreetLayout.Side;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Paints the static street far to near: sky, ground (road, curbs, markings, rails, sidewalks,
 * grass), the skyline at the street's end, the facades along each side and the walls and fences in
 * front of them. The ego vehicle's bonnet is painted last, after the actors.
 */
final class BackgroundRenderer {

    /** The ground starts this close to the camera, below the bottom row of any sensible camera. */
    private static final double GROUND_NEAR = 0.3;

    /** How far behind its facade a segment's ground is painted, metres. */
    private static final double BEHIND_FACADES = 40;

    private BackgroundRenderer() {}

    /** Paints everything but the actors and the bonnet. */
    static void render(StreetLayout layout, SceneCanvas c, SplittableRandom r) {
        paintSky(c, layout.farEnd(), r);
        paintGround(layout, c, r);
        paintSkyline(layout, c, r);
        for (Side side : layout.sides()) {
            paintFacades(side, c, r);
        }
        for (Side side : layout.sides()) {
            paintFrontages(side, c, r);
        }
    }

    /**
     * Fills the image with sky down to the far end of the ground; everything else is painted over
     * it. Rows below are always covered by the ground, so painting them would be wasted time.
     */
    private static void paintSky(SceneCanvas c, double farEnd, SplittableRandom r) {
        Material sky = Appearance.sky(r);
        Camera cam = c.camera();
        double scale = 100.0 / cam.width();
        int last = SceneCanvas.lastCentre(cam.y(0, farEnd) + 1, cam.height());
        for (int y = 0; y <= last; y++) {
            for (int x = 0; x < cam.width(); x++) {
                c.paint(x, y, SceneClass.SKY, sky, x * scale, y * scale * 2);
            }
        }
    }

    private static void paintGround(StreetLayout layout, SceneCanvas c, SplittableRandom r) {
        Road road = layout.road();
        double far = layout.farEnd();
        c.fillGround(
                SceneClass.ROAD, Appearance.road(r), road.left(), road.right(), GROUND_NEAR, far);
        paintRoadMarks(road, far, c, r);
        for (Side side : layout.sides()) {
            paintSideGround(side, far, c, r);
        }
    }

    /** Sidewalk, curb stones, grass verge and the ground in front of each segment's facade. */
    private static void paintSideGround(Side side, double far, SceneCanvas c, SplittableRandom r) {
        Material pavement = Appearance.sidewalk(r);
        Material grass = Appearance.terrain(r);
        double curb = side.curb();
        double outer = side.outer();
        c.fillGround(
                SceneClass.SIDEWALK,
                pavement,
                side.lower(curb, outer),
                side.upper(curb, outer),
                GROUND_NEAR,
                far);
        Material stone = pavement.withBase(pavement.base().scaled(1.2));
        c.fillGround(
                SceneClass.SIDEWALK,
                stone,
                side.lower(curb, curb + 0.15),
                side.upper(curb, curb + 0.15),
                GROUND_NEAR,
                far);
        if (side.verge() > 0) {
            double verge = curb + side.verge();
            c.fillGround(
                    SceneClass.TERRAIN,
                    grass,
                    side.lower(curb + 0.15, verge),
                    side.upper(curb + 0.15, verge),
                    GROUND_NEAR,
                    far);
        }
        for (Segment s : side.segments()) {
            // the band runs well behind the facade: where a nearer facade is set back further,
            // the ground between them shows, and it must not show the sky
            boolean green = s.kind() != SegmentKind.BUILDING;
            double back = s.facade() + BEHIND_FACADES;
            c.fillGround(
                    green ? SceneClass.TERRAIN : SceneClass.SIDEWALK,
                    green ? grass : pavement,
                    side.lower(outer, back),
                    side.upper(outer, back),
                    s.near(),
                    s.far());
        }
    }

    /** Dashed lane markings, a zebra crossing now and then, and the tram rails. */
    private static void paintRoadMarks(Road road, double far, SceneCanvas c, SplittableRandom r) {
        Material paint = Appearance.marking(r);
        double dash = between(r, 2, 4);
        double gap = between(r, 4, 9);
        for (double x : road.markings()) {
            for (double z = between(r, 0, gap); z < far; z += dash + gap) {
                c.fillGround(SceneClass.ROAD, paint, x - 0.07, x + 0.07, z, z + dash);
            }
        }
        if (chance(r, 0.12)) {
            double z = between(r, 8, 30);
            for (double x = road.left() + 0.3; x < road.right() - 0.5; x += 1.0) {
                c.fillGround(SceneClass.ROAD, paint, x, x + 0.5, z, z + between(r, 2.5, 4));
            }
        }
        if (road.hasRails()) {
            Material steel = Appearance.rail(r);
            for (double x : new double[] {road.railCentre() - 0.72, road.railCentre() + 0.72}) {
                c.fillGround(SceneClass.ROAD, steel, x - 0.04, x + 0.04, GROUND_NEAR, far);
            }
        }
    }

    /** Buildings and tree masses across the far end of the street. */
    private static void paintSkyline(StreetLayout layout, SceneCanvas c, SplittableRandom r) {
        double z = layout.farEnd();
        Material building = Appearance.building(r);
        Material trees = Appearance.vegetation(r);
        List<Block> blocks = layout.skyline();
        for (Block b : blocks) {
            if (b.vegetation()) {
                Brush brush = new Brush(SceneClass.VEGETATION, trees, z);
                double crown = Math.min(b.height() * 0.4, (b.right() - b.left()) * 0.3);
                c.fillRect(brush, b.left(), b.right(), 0, b.height() - crown);
                for (double x = b.left() + crown; x < b.right(); x += crown * 1.2) {
                    c.fillEllipse(brush, x, b.height() - crown, crown * 1.1, crown);
                }
            } else {
                c.fillRect(
                        new Brush(SceneClass.BUILDING, building, z),
                        b.left(),
                        b.right(),
                        0,
                        b.height());
            }
        }
    }

    /** Facades, hedges and tree lines, far segments first so nearer ones cover them. */
    private static void paintFacades(Side side, SceneCanvas c, SplittableRandom r) {
        List<Segment> segments = side.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.kind() == SegmentKind.BUILDING) {
                paintBuilding(side, s.facade(), s.height(), s, c, r);
                continue;
            }
            if (s.kind() == SegmentKind.VEGETATION && s.height() < 5 && chance(r, 0.5)) {
                paintBuilding(side, s.facade() + between(r, 3, 8), between(r, 8, 22), s, c, r);
            }
            double amplitude =
                    s.kind() == SegmentKind.PARK ? between(r, 1, 3) : between(r, 0.2, 1.2);
            double period = between(r, 1.5, 5);
            int salt = r.nextInt();
            DoubleUnaryOperator top =
                    z -> s.height() + amplitude * HashNoise.value(z / period, 0.5, salt);
            Brush foliage = new Brush(SceneClass.VEGETATION, Appearance.vegetation(r), s.near());
            c.fillSide(foliage, side.at(s.facade()), s.far(), 0, top);
        }
    }

    /** A facade along the street plus the end wall that shows where the next one is set back. */
    private static void paintBuilding(
            Side side, double facade, double height, Segment s, SceneCanvas c, SplittableRandom r) {
        Material m = Appearance.building(r);
        double lateral = side.at(facade);
        double back = side.at(facade + 20);
        Brush brush = new Brush(SceneClass.BUILDING, m, s.near());
        c.fillRect(brush, Math.min(lateral, back), Math.max(lateral, back), 0, height);
        c.fillSide(brush, lateral, s.far(), 0, z -> height);
    }

    /** Walls and fences along the sidewalk's outer edge. */
    private static void paintFrontages(Side side, SceneCanvas c, SplittableRandom r) {
        for (Segment s : side.segments()) {
            if (s.frontage() == Frontage.NONE) {
                continue;
            }
            boolean wall = s.frontage() == Frontage.WALL;
            Material m = wall ? Appearance.wall(r) : Appearance.fence(r);
            Brush brush = new Brush(wall ? SceneClass.WALL : SceneClass.FENCE, m, s.near());
            double h = s.frontageHeight();
            c.fillSide(brush, side.at(side.outer()), s.far(), 0, z -> h);
        }
    }

    /**
     * The ego vehicle's bonnet: a shallow curve along the bottom, labelled ignore as in Cityscapes.
     * Painted after the actors because it is the nearest thing.
     */
    static void paintBonnet(StreetLayout layout, SceneCanvas c, SplittableRandom r) {
        Camera cam = c.camera();
        double h = layout.egoHeight();
        if (h <= 0) {
            return;
        }
        Material m = Appearance.bonnet(r);
        double half = cam.width() / 2.0;
        for (int x = 0; x < cam.width(); x++) {
            double t = (x + 0.5 - half) / half;
            double top = cam.height() - h * (1 - 0.55 * t * t);
            for (int y = SceneCanvas.firstCentre(top, cam.height()); y < cam.height(); y++) {
                c.paintIgnored(x, y, m);
            }
        }
    }
}
