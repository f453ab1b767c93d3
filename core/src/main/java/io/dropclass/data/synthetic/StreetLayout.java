package io.dropclass.data.synthetic;

import java.util.List;

/**
 * The static part of a street scene, in metres: where the road, the sidewalks, the facades and the
 * far end of the street are. Actors are planned on top of it.
 *
 * @param camera the camera that sees the street
 * @param road the carriageway
 * @param left the left side of the street (lateral offsets negative)
 * @param right the right side of the street (lateral offsets positive)
 * @param farEnd depth where the street ends in a row of far buildings and trees
 * @param skyline the blocks standing across the street at {@link #farEnd}
 * @param egoHeight pixel height of the ego vehicle's bonnet at the bottom (ignored pixels)
 */
record StreetLayout(
        Camera camera,
        Road road,
        Side left,
        Side right,
        double farEnd,
        List<Block> skyline,
        double egoHeight) {

    /** Copies the list. */
    StreetLayout {
        skyline = List.copyOf(skyline);
    }

    /** Both sides, left first. */
    List<Side> sides() {
        return List.of(left, right);
    }

    /**
     * The carriageway.
     *
     * @param left lateral offset of the left curb (negative)
     * @param right lateral offset of the right curb (positive)
     * @param lanes driving lanes, including the camera's own lane at offset 0
     * @param markings lateral offsets of dashed lane markings
     * @param railCentre lateral offset of a tram track's centre; NaN when the street has none
     */
    record Road(
            double left, double right, List<Lane> lanes, List<Double> markings, double railCentre) {

        /** Copies the lists. */
        Road {
            lanes = List.copyOf(lanes);
            markings = List.copyOf(markings);
        }

        /** Whether the street has a tram track. */
        boolean hasRails() {
            return !Double.isNaN(railCentre);
        }
    }

    /**
     * A driving lane.
     *
     * @param centre lateral offset of its centre
     * @param oncoming whether traffic comes towards the camera
     */
    record Lane(double centre, boolean oncoming) {}

    /**
     * One side of the street, described by distances from the street's axis (all positive).
     *
     * @param sign -1 for the left side, +1 for the right
     * @param curb distance of the curb (the road's edge)
     * @param parking width of the parking strip on the road just inside the curb (0 when none)
     * @param verge width of a grass strip just beyond the curb (0 when none)
     * @param outer distance of the sidewalk's outer edge, where walls and fences stand
     * @param segments stretches of facade along the street, nearest first
     */
    record Side(
            int sign,
            double curb,
            double parking,
            double verge,
            double outer,
            List<Segment> segments) {

        /** Copies the list. */
        Side {
            segments = List.copyOf(segments);
        }

        /** Signed lateral offset of a distance from the axis on this side. */
        double at(double distance) {
            return sign * distance;
        }

        /** The smaller signed lateral offset of the band between two distances from the axis. */
        double lower(double from, double to) {
            return Math.min(at(from), at(to));
        }

        /** The larger signed lateral offset of the band between two distances from the axis. */
        double upper(double from, double to) {
            return Math.max(at(from), at(to));
        }
    }

    /** What stands behind the sidewalk along a segment. */
    enum SegmentKind {
        /** A building facade, with sidewalk in front. */
        BUILDING,
        /** Hedges and bushes, with a grass strip in front. */
        VEGETATION,
        /** A park: grass, and a line of trees further back. */
        PARK
    }

    /** A low structure along the sidewalk's outer edge. */
    enum Frontage {
        /** Nothing. */
        NONE,
        /** A wall. */
        WALL,
        /** A fence. */
        FENCE
    }

    /**
     * A stretch of one street side.
     *
     * @param near depth where it starts
     * @param far depth where it ends
     * @param kind what stands there
     * @param facade distance of its facade (or hedge, or tree line) from the street's axis
     * @param height height of the facade or vegetation, metres
     * @param frontage what stands along the sidewalk edge, over the whole segment
     * @param frontageHeight height of the wall or fence
     */
    record Segment(
            double near,
            double far,
            SegmentKind kind,
            double facade,
            double height,
            Frontage frontage,
            double frontageHeight) {}

    /**
     * A far building or tree mass standing across the street's end.
     *
     * @param left lateral offset of its left edge
     * @param right lateral offset of its right edge
     * @param height metres
     * @param vegetation true for trees, false for a building
     */
    record Block(double left, double right, double height, boolean vegetation) {}
}
