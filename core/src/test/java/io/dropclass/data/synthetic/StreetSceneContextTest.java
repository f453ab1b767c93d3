package io.dropclass.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.data.SegmentationSample;
import io.dropclass.data.synthetic.StreetLayout.Road;
import io.dropclass.data.synthetic.StreetLayout.Side;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The context rules that bias real models: they hold in TRAIN and are broken in SHIFT. Plans are
 * checked exactly (cheap: nothing is rendered); pixels are checked statistically.
 */
class StreetSceneContextTest {

    private static final int SCENES = 400;

    @Test
    void trainPlansFollowTheContextRules() {
        for (int i = 0; i < SCENES; i++) {
            SplittableRandom r = new SplittableRandom(1000 + i);
            StreetLayout layout = StreetPlanner.plan(128, 256, r);
            for (Actor a : ActorPlanner.plan(layout, r, false)) {
                assertFollowsContext(layout, a);
            }
        }
    }

    @Test
    void shiftPlansBreakEachRuleSomewhere() {
        int floating = 0;
        int riderless = 0;
        int personsOnRoad = 0;
        int carsOffRoad = 0;
        int trainsOffRails = 0;
        for (int i = 0; i < SCENES; i++) {
            SplittableRandom r = new SplittableRandom(1000 + i);
            StreetLayout layout = StreetPlanner.plan(128, 256, r);
            Road road = layout.road();
            for (Actor a : ActorPlanner.plan(layout, r, true)) {
                boolean onRoad = a.lateral() > road.left() && a.lateral() < road.right();
                switch (a.kind()) {
                    case TRAFFIC_SIGN, TRAFFIC_LIGHT -> floating++;
                    case RIDER -> riderless++;
                    case PERSON -> personsOnRoad += onRoad ? 1 : 0;
                    case CAR -> carsOffRoad += onRoad ? 0 : 1;
                    case TRAIN -> trainsOffRails += onRails(road, a) ? 0 : 1;
                    default -> {}
                }
            }
        }
        assertThat(floating).isGreaterThan(SCENES / 4);
        assertThat(riderless).isGreaterThan(SCENES / 20);
        assertThat(personsOnRoad).isGreaterThan(SCENES / 4);
        assertThat(carsOffRoad).isGreaterThan(SCENES / 4);
        assertThat(trainsOffRails).isGreaterThan(SCENES / 20);
    }

    @Test
    void trainRiderPixelsComeWithTwoWheelersAndShiftOnesOftenDoNot() {
        StreetSceneGenerator generator = new StreetSceneGenerator(64, 128);
        int[] train = riderImages(generator, SyntheticSplit.TRAIN);
        int[] shift = riderImages(generator, SyntheticSplit.SHIFT);
        // {images with rider pixels, of which without bicycle or motorcycle pixels}
        assertThat(train[0]).isGreaterThan(SCENES / 10);
        assertThat((double) train[1] / train[0]).isLessThan(0.05);
        assertThat((double) shift[1] / shift[0]).isGreaterThan(0.15);
    }

    private static int[] riderImages(StreetSceneGenerator generator, SyntheticSplit split) {
        int withRiders = 0;
        int alone = 0;
        for (int i = 0; i < SCENES; i++) {
            SegmentationSample s = generator.generate(8, split, i);
            boolean rider = false;
            boolean vehicle = false;
            for (int p = 0; p < s.label().length; p++) {
                int label = s.labelAt(p);
                rider |= label == SceneClass.RIDER;
                vehicle |= label == SceneClass.BICYCLE || label == SceneClass.MOTORCYCLE;
            }
            withRiders += rider ? 1 : 0;
            alone += rider && !vehicle ? 1 : 0;
        }
        return new int[] {withRiders, alone};
    }

    private static void assertFollowsContext(StreetLayout layout, Actor a) {
        Road road = layout.road();
        boolean onRoad = a.lateral() > road.left() && a.lateral() < road.right();
        switch (a.kind()) {
            case TRAFFIC_SIGN, TRAFFIC_LIGHT, RIDER ->
                    throw new AssertionError("free-standing " + a.kind() + " in TRAIN: " + a);
            case CAR, TRUCK, BUS -> assertThat(onRoad).as("vehicle on the road: %s", a).isTrue();
            case TRAIN -> assertThat(onRails(road, a)).as("train on rails: %s", a).isTrue();
            case PERSON ->
                    assertThat(onSidewalk(layout, a)).as("person on a sidewalk: %s", a).isTrue();
            case POLE -> assertThat(onRoad).as("pole off the road: %s", a).isFalse();
            case BICYCLE, MOTORCYCLE -> {
                if (!a.has(Actor.RIDDEN)) {
                    assertThat(onRoad).as("parked two-wheeler off the road: %s", a).isFalse();
                }
            }
            default -> {}
        }
    }

    private static boolean onRails(Road road, Actor a) {
        return road.hasRails() && a.lateral() == road.railCentre();
    }

    private static boolean onSidewalk(StreetLayout layout, Actor a) {
        for (Side side : List.of(layout.left(), layout.right())) {
            double d = a.lateral() * side.sign();
            if (d >= side.curb() && d <= side.outer() + 1.0) {
                return true;
            }
        }
        return false;
    }
}
