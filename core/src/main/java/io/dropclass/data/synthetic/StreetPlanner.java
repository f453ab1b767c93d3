package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;

import io.dropclass.data.synthetic.StreetLayout.Block;
import io.dropclass.data.synthetic.StreetLayout.Frontage;
import io.dropclass.data.synthetic.StreetLayout.Lane;
import io.dropclass.data.synthetic.StreetLayout.Road;
import io.dropclass.data.synthetic.StreetLayout.Segment;
import io.dropclass.data.synthetic.StreetLayout.SegmentKind;
import io.dropclass.data.synthetic.StreetLayout.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the static street: camera pose, lanes, curbs, sidewalks and the facades, hedges and parks
 * along each side. The proportions (road width against facade distance, facade heights, horizon
 * row) are tuned so that, over many images, road, sidewalk, building, vegetation, sky, terrain,
 * wall and fence get pixel shares close to Cityscapes' (see {@code StreetSceneSharesTest}).
 */
final class StreetPlanner {

    /** Segments start just in front of the camera so the nearest facade reaches the image edge. */
    private static final double FIRST_DEPTH = 0.5;

    private StreetPlanner() {}

    /**
     * Plans a street for an image of the given size.
     *
     * @param height image rows
     * @param width image columns
     * @param r the sample's random source
     * @return the layout
     */
    static StreetLayout plan(int height, int width, SplittableRandom r) {
        Camera camera =
                new Camera(
                        height,
                        width,
                        height * between(r, 0.36, 0.46),
                        width * between(r, 0.42, 0.58),
                        width * between(r, 1.0, 1.2),
                        between(r, 1.2, 1.45));
        double parkingLeft = chance(r, 0.4) ? between(r, 2.0, 2.5) : 0;
        double parkingRight = chance(r, 0.5) ? between(r, 2.0, 2.5) : 0;
        Road road = planRoad(r, parkingLeft, parkingRight);
        double farEnd = between(r, 50, 160);
        double greenery = between(r, 0.15, 0.65);
        Side left = planSide(r, -1, -road.left(), parkingLeft, farEnd, greenery);
        Side right = planSide(r, 1, road.right(), parkingRight, farEnd, greenery);
        List<Block> skyline = planSkyline(r, greenery);
        double ego = chance(r, 0.85) ? height * between(r, 0.02, 0.07) : 0;
        return new StreetLayout(camera, road, left, right, farEnd, skyline, ego);
    }

    /** Lanes around the camera's own (offset 0), parking strips, markings and maybe rails. */
    private static Road planRoad(SplittableRandom r, double parkingLeft, double parkingRight) {
        double laneWidth = between(r, 2.9, 3.6);
        double p = r.nextDouble();
        int oncoming = p < 0.25 ? 0 : p < 0.8 ? 1 : 2;
        int sameWay = chance(r, 0.35) ? 1 : 0;
        List<Lane> lanes = new ArrayList<>();
        List<Double> markings = new ArrayList<>();
        for (int j = -oncoming; j <= sameWay; j++) {
            lanes.add(new Lane(j * laneWidth, j < 0));
            if (j < sameWay) {
                markings.add((j + 0.5) * laneWidth);
            }
        }
        double left = -(oncoming + 0.5) * laneWidth - parkingLeft;
        double right = (sameWay + 0.5) * laneWidth + parkingRight;
        double rails = Double.NaN;
        if (chance(r, 0.25)) {
            rails = lanes.get(r.nextInt(lanes.size())).centre();
        }
        return new Road(left, right, lanes, markings, rails);
    }

    /** A sidewalk and a sequence of segments up to the street's far end. */
    private static Side planSide(
            SplittableRandom r,
            int sign,
            double curb,
            double parking,
            double farEnd,
            double greenery) {
        double verge = chance(r, 0.2) ? between(r, 0.8, 2.0) : 0;
        double outer = curb + verge + between(r, 1.5, 4.0);
        List<Segment> segments = new ArrayList<>();
        double near = FIRST_DEPTH;
        while (near < farEnd) {
            double far = Math.min(farEnd, near + between(r, 8, 35));
            segments.add(planSegment(r, near, far, outer, greenery));
            near = far;
        }
        return new Side(sign, curb, parking, verge, outer, segments);
    }

    private static Segment planSegment(
            SplittableRandom r, double near, double far, double outer, double greenery) {
        double p = r.nextDouble();
        if (p >= greenery) {
            return drawSegment(
                    r, near, far, outer, SegmentKind.BUILDING, 0.055, 0.05, 0, 2.5, 7, 26);
        }
        if (p < greenery * 0.7) {
            return drawSegment(
                    r, near, far, outer, SegmentKind.VEGETATION, 0.18, 0.27, 0.2, 2.5, 2.5, 9);
        }
        return drawSegment(r, near, far, outer, SegmentKind.PARK, 0.1, 0.35, 3, 9, 6, 15);
    }

    /**
     * Draws a segment of one kind, in this order: its frontage, its facade's setback behind the
     * outer edge, its height and the frontage's height.
     *
     * @param outer the side's outer edge, where the setback starts
     * @param odds the chances of a wall and of a fence, then the setback's and the height's {@code
     *     [lo, hi)}: six numbers
     */
    private static Segment drawSegment(
            SplittableRandom r,
            double near,
            double far,
            double outer,
            SegmentKind kind,
            double... odds) {
        Frontage frontage = frontage(r, odds[0], odds[1]);
        return new Segment(
                near,
                far,
                kind,
                outer + between(r, odds[2], odds[3]),
                between(r, odds[4], odds[5]),
                frontage,
                frontageHeight(r, frontage));
    }

    private static Frontage frontage(SplittableRandom r, double wall, double fence) {
        double p = r.nextDouble();
        return p < wall ? Frontage.WALL : p < wall + fence ? Frontage.FENCE : Frontage.NONE;
    }

    private static double frontageHeight(SplittableRandom r, Frontage frontage) {
        switch (frontage) {
            case WALL:
                return between(r, 0.8, 2.4);
            case FENCE:
                return between(r, 0.9, 2.0);
            default:
                return 0;
        }
    }

    /** Buildings and tree masses across the end of the street, seen around the vanishing point. */
    private static List<Block> planSkyline(SplittableRandom r, double greenery) {
        List<Block> blocks = new ArrayList<>();
        double x = -between(r, 40, 60);
        while (x < 60) {
            double w = between(r, 6, 25);
            boolean vegetation = chance(r, greenery);
            double h = vegetation ? between(r, 5, 15) : between(r, 6, 35);
            if (chance(r, 0.85)) {
                blocks.add(new Block(x, x + w, h, vegetation));
            }
            x += w;
        }
        return blocks;
    }
}
