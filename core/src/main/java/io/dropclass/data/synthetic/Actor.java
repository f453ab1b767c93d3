package io.dropclass.data.synthetic;

/**
 * Something standing in the street: a tree, a pole, a person, a vehicle. The planner decides where
 * (and thereby which context it appears in); the renderer decides how it looks.
 *
 * @param kind what it is
 * @param lateral lateral offset of its centre, metres
 * @param depth depth of its nearest face, metres; actors are drawn far first
 * @param scale a size factor around 1 (for poles: the height in metres)
 * @param facing +1 or -1: which way a side-on figure or an arm points
 * @param flags a combination of the {@code int} flags below
 */
record Actor(ActorKind kind, double lateral, double depth, double scale, int facing, int flags) {

    /** A two-wheeler carries a rider. */
    static final int RIDDEN = 1;

    /** A pole carries a traffic sign. */
    static final int SIGN = 2;

    /** A pole carries a traffic light. */
    static final int LIGHT = 4;

    /** A pole carries a street lamp on an arm. */
    static final int LAMP = 8;

    /** A vehicle comes towards the camera (its front is visible). */
    static final int ONCOMING = 16;

    /** A tree stands in a small patch of grass. */
    static final int PIT = 32;

    /** Whether the given flag is set. */
    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The kinds of actors. */
    enum ActorKind {
        /** A street tree (vegetation). */
        TREE,
        /** A pole, possibly carrying a sign, a light or a lamp. */
        POLE,
        /** A free-standing traffic sign, without a pole (context broken). */
        TRAFFIC_SIGN,
        /** A free-standing traffic light, without a pole (context broken). */
        TRAFFIC_LIGHT,
        /** A pedestrian. */
        PERSON,
        /** A rider without a bicycle or motorcycle (context broken). */
        RIDER,
        /** A bicycle, ridden or parked. */
        BICYCLE,
        /** A motorcycle, ridden or parked. */
        MOTORCYCLE,
        /** A car or van. */
        CAR,
        /** A truck. */
        TRUCK,
        /** A bus. */
        BUS,
        /** A tram or train. */
        TRAIN
    }
}
