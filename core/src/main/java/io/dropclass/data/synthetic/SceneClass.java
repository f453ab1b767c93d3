package io.dropclass.data.synthetic;

/**
 * The Cityscapes train ids, as named constants for the renderers (they must match {@link
 * io.dropclass.data.ClassCatalog#cityscapes()}; a test checks it).
 */
final class SceneClass {

    static final int ROAD = 0;
    static final int SIDEWALK = 1;
    static final int BUILDING = 2;
    static final int WALL = 3;
    static final int FENCE = 4;
    static final int POLE = 5;
    static final int TRAFFIC_LIGHT = 6;
    static final int TRAFFIC_SIGN = 7;
    static final int VEGETATION = 8;
    static final int TERRAIN = 9;
    static final int SKY = 10;
    static final int PERSON = 11;
    static final int RIDER = 12;
    static final int CAR = 13;
    static final int TRUCK = 14;
    static final int BUS = 15;
    static final int TRAIN = 16;
    static final int MOTORCYCLE = 17;
    static final int BICYCLE = 18;

    /** The number of classes. */
    static final int COUNT = 19;

    private SceneClass() {}
}
