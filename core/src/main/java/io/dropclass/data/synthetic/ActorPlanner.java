package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;
import static io.dropclass.data.synthetic.Draws.poisson;
import static io.dropclass.data.synthetic.Draws.sign;

import io.dropclass.data.synthetic.Actor.ActorKind;
import io.dropclass.data.synthetic.StreetLayout.Lane;
import io.dropclass.data.synthetic.StreetLayout.Road;
import io.dropclass.data.synthetic.StreetLayout.Segment;
import io.dropclass.data.synthetic.StreetLayout.SegmentKind;
import io.dropclass.data.synthetic.StreetLayout.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places the actors of a scene and, with them, the context a real model learns to lean on: trees on
 * sidewalks, verges and in parks; signs and lights on poles at the curb; pedestrians on sidewalks;
 * vehicles in lanes; trams only on rails; riders only on bicycles and motorcycles.
 *
 * <p>With {@code breakContext} (the SHIFT split) these rules are broken often: signs and lights
 * float without poles, riders appear without vehicles, pedestrians walk on the road, cars stand on
 * the sidewalk and trams run without rails. Frequencies are tuned so that rare classes keep
 * Cityscapes-like pixel shares in the TRAIN split.
 */
final class ActorPlanner {

    /** Beyond this depth objects are a few pixels large: not worth planning. */
    private static final double HORIZON_DEPTH = 90;

    /** Trucks and buses only stand between these depths (see {@link #planTraffic}). */
    private static final double BIG_VEHICLE_NEAR = 24;

    private static final double BIG_VEHICLE_FAR = 58;

    /** Fraction of scenes with a truck. */
    private static final double TRUCK_SCENES = 0.28;

    /** Fraction of scenes with a bus. */
    private static final double BUS_SCENES = 0.18;

    private final StreetLayout layout;
    private final SplittableRandom r;
    private final boolean breakContext;
    private final List<Actor> actors = new ArrayList<>();

    private ActorPlanner(StreetLayout layout, SplittableRandom r, boolean breakContext) {
        this.layout = layout;
        this.r = r;
        this.breakContext = breakContext;
    }

    /**
     * Plans the actors of one scene.
     *
     * @param layout the street
     * @param r the sample's random source
     * @param breakContext whether to break the usual context rules (SHIFT)
     * @return the actors, in no particular order
     */
    static List<Actor> plan(StreetLayout layout, SplittableRandom r, boolean breakContext) {
        ActorPlanner planner = new ActorPlanner(layout, r, breakContext);
        for (Side side : layout.sides()) {
            planner.planTrees(side);
            planner.planPoles(side);
            planner.planParkedBicycles(side);
        }
        planner.planPersons();
        planner.planTraffic();
        planner.planParkedCars();
        planner.planRiders();
        return List.copyOf(planner.actors);
    }

    private double limit() {
        return Math.min(layout.farEnd(), HORIZON_DEPTH);
    }

    private void add(ActorKind kind, double lateral, double depth, double scale, int flags) {
        actors.add(new Actor(kind, lateral, depth, scale, sign(r), flags));
    }

    /** Street trees in the verge or the sidewalk, and groups of trees in parks. */
    private void planTrees(Side side) {
        boolean row = side.verge() > 0 ? chance(r, 0.8) : chance(r, 0.3);
        if (row) {
            double offset =
                    side.verge() > 0
                            ? side.curb() + side.verge() / 2
                            : side.curb() + between(r, 0.7, 1.2);
            int flags = side.verge() > 0 ? 0 : Actor.PIT;
            for (double z = between(r, 3, 12); z < limit(); z += between(r, 7, 16)) {
                add(ActorKind.TREE, side.at(offset), z, between(r, 0.7, 1.3), flags);
            }
        }
        for (Segment s : side.segments()) {
            if (s.kind() != SegmentKind.PARK) {
                continue;
            }
            for (double z = s.near() + between(r, 0, 6); z < s.far(); z += between(r, 5, 12)) {
                double offset = between(r, side.outer() + 1, s.facade());
                add(ActorKind.TREE, side.at(offset), z, between(r, 0.8, 1.4), 0);
            }
        }
    }

    /** Poles along the curb, carrying signs, lights and lamps (or not, with SHIFT). */
    private void planPoles(Side side) {
        double offset = side.curb() + (side.verge() > 0 ? side.verge() / 2 : between(r, 0.3, 0.6));
        for (double z = between(r, 2, 16); z < limit(); z += between(r, 12, 30)) {
            int fixtures = poleFixtures();
            double height = (fixtures & Actor.LAMP) != 0 ? between(r, 6, 9) : between(r, 3, 5.5);
            double lateral = side.at(offset);
            boolean pole = true;
            if (breakContext && (fixtures & (Actor.SIGN | Actor.LIGHT)) != 0 && chance(r, 0.6)) {
                detachFixtures(fixtures, lateral, z);
                fixtures = 0;
                pole = chance(r, 0.5);
            }
            if (pole) {
                actors.add(new Actor(ActorKind.POLE, lateral, z, height, -side.sign(), fixtures));
            }
        }
    }

    /** What a pole carries: mostly a sign or a traffic light, sometimes both, or a street lamp. */
    private int poleFixtures() {
        double p = r.nextDouble();
        if (p < 0.4) {
            return Actor.SIGN;
        }
        if (p < 0.75) {
            return Actor.LIGHT;
        }
        if (p < 0.84) {
            return Actor.SIGN | Actor.LIGHT;
        }
        return p < 0.95 ? Actor.LAMP : 0;
    }

    /** SHIFT: the pole's sign and light hang in the air where the pole would be. */
    private void detachFixtures(int fixtures, double lateral, double z) {
        if ((fixtures & Actor.SIGN) != 0) {
            add(ActorKind.TRAFFIC_SIGN, lateral, z, 1, 0);
        }
        if ((fixtures & Actor.LIGHT) != 0) {
            add(ActorKind.TRAFFIC_LIGHT, lateral, z + 0.1, 1, 0);
        }
    }

    /** A few bicycles parked together on the sidewalk. */
    private void planParkedBicycles(Side side) {
        if (!chance(r, 0.42)) {
            return;
        }
        double offset = chance(r, 0.5) ? side.outer() - 0.6 : side.curb() + side.verge() + 0.6;
        double z = between(r, 5, 30);
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            add(
                    ActorKind.BICYCLE,
                    side.at(offset + between(r, -0.2, 0.2)),
                    z + i * 0.8,
                    between(r, 0.9, 1.1),
                    0);
        }
    }

    /** Pedestrians on the sidewalks, alone or in pairs; with SHIFT, many of them on the road. */
    private void planPersons() {
        int count = poisson(r, 5.5);
        for (int i = 0; i < count; i++) {
            Side side = randomSide();
            double z = between(r, 4, 36);
            boolean onRoad = breakContext && chance(r, 0.5);
            if (onRoad) {
                // in front of the camera a near pedestrian is fully in view, unlike one on the
                // sidewalk; standing further keeps the SHIFT person share near TRAIN's
                z += 8;
            }
            int group = chance(r, 0.25) ? 2 : 1;
            for (int k = 0; k < group; k++) {
                double lateral = onRoad ? onRoad() : onSidewalk(side);
                double depth = z + k * between(r, 0.3, 1.0);
                add(ActorKind.PERSON, lateral, depth, between(r, 0.86, 1.1), 0);
            }
        }
    }

    private Side randomSide() {
        return chance(r, 0.5) ? layout.left() : layout.right();
    }

    /** A random lateral offset on the sidewalk of this side, clear of its edges. */
    private double onSidewalk(Side side) {
        return side.at(between(r, side.curb() + side.verge() + 0.3, side.outer() - 0.3));
    }

    /** A random lateral offset on the road, clear of the curbs. */
    private double onRoad() {
        return between(r, layout.road().left() + 0.5, layout.road().right() - 0.5);
    }

    /**
     * Traffic in the lanes: cars, a truck or a bus in some scenes, trams on the tram track.
     *
     * <p>Trucks and buses stand at middle distances only and at most one per scene: a near one
     * would fill much of the image, and such rare, huge instances would make their classes' pixel
     * shares swing from one set of images to the next; frequent mid-sized ones keep them steady.
     */
    private void planTraffic() {
        Road road = layout.road();
        Lane bigLane = road.lanes().get(r.nextInt(road.lanes().size()));
        double p = r.nextDouble();
        ActorKind big = ActorKind.CAR; // none
        if (p < TRUCK_SCENES) {
            big = ActorKind.TRUCK;
        } else if (p < TRUCK_SCENES + BUS_SCENES) {
            big = ActorKind.BUS;
        }
        double bigNear = between(r, BIG_VEHICLE_NEAR, BIG_VEHICLE_FAR);
        for (Lane lane : road.lanes()) {
            // the track was laid along one lane's centre, so the comparison is exact
            boolean railLane = road.hasRails() && lane.centre() == road.railCentre();
            int flags = lane.oncoming() ? Actor.ONCOMING : 0;
            if (railLane && chance(r, breakContext ? 0.3 : 0.8)) {
                add(ActorKind.TRAIN, lane.centre(), between(r, 28, 75), 1, flags);
                continue;
            }
            boolean hasBig = lane == bigLane && big != ActorKind.CAR;
            if (hasBig) {
                add(big, lane.centre(), bigNear, 1, flags);
            }
            for (double z = between(r, 7, 30); z < limit(); z += between(r, 10, 40)) {
                boolean free = !hasBig || z < bigNear - 7 || z > bigNear + 14;
                if (free && chance(r, 0.45)) {
                    add(ActorKind.CAR, lane.centre() + between(r, -0.3, 0.3), z, 1, flags);
                }
            }
        }
        if (breakContext && chance(r, 0.1)) {
            Side side = randomSide();
            add(ActorKind.TRAIN, side.at(side.outer() + 1.5), between(r, 20, 60), 1, 0);
        }
    }

    /** Cars parked along the curbs, where a parking strip exists; with SHIFT, on the sidewalk. */
    private void planParkedCars() {
        for (Side side : layout.sides()) {
            if (side.parking() > 0) {
                for (double z = between(r, 3, 9); z < limit(); z += between(r, 5, 8)) {
                    if (chance(r, 0.4)) {
                        add(ActorKind.CAR, side.at(side.curb() - 1.1), z, 1, 0);
                    }
                }
            }
            if (breakContext && chance(r, 0.5)) {
                double offset = (side.curb() + side.verge() + side.outer()) / 2;
                add(ActorKind.CAR, side.at(offset), between(r, 8, 35), 1, 0);
            }
        }
    }

    /** Ridden bicycles and motorcycles; with SHIFT, some riders lose their vehicle. */
    private void planRiders() {
        Road road = layout.road();
        if (chance(r, 0.21)) {
            addRidden(ActorKind.BICYCLE, road.right() - 0.8, between(r, 6, 30));
        }
        if (chance(r, 0.1)) {
            addRidden(ActorKind.BICYCLE, road.left() + 0.8, between(r, 6, 30));
        }
        if (chance(r, 0.26)) {
            Lane lane = road.lanes().get(r.nextInt(road.lanes().size()));
            addRidden(
                    ActorKind.MOTORCYCLE,
                    lane.centre() + between(r, -0.8, 0.8),
                    between(r, 15, 45));
        }
        if (chance(r, 0.09)) {
            Side side = randomSide();
            add(
                    ActorKind.MOTORCYCLE,
                    side.at(side.curb() + side.verge() + 0.8),
                    between(r, 14, 45),
                    1,
                    0);
        }
    }

    private void addRidden(ActorKind vehicle, double lateral, double z) {
        if (breakContext && chance(r, 0.6)) {
            add(ActorKind.RIDER, lateral, z, between(r, 0.9, 1.1), 0);
        } else {
            add(vehicle, lateral, z, between(r, 0.9, 1.1), Actor.RIDDEN);
        }
    }
}
