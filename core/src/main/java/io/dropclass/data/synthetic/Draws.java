package io.dropclass.data.synthetic;

import java.util.SplittableRandom;

/** Small random draws shared by the planners and the appearance model. */
final class Draws {

    private Draws() {}

    /** A uniform number in {@code [lo, hi)}. */
    static double between(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** A uniform {@code float} in {@code [lo, hi)}, for material amplitudes. */
    static float amount(SplittableRandom r, double lo, double hi) {
        return (float) between(r, lo, hi);
    }

    /** True with probability {@code p}. */
    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** +1 or -1 with equal probability. */
    static int sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    /** A Poisson count with a small mean (Knuth's method). */
    static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double product = r.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= r.nextDouble();
            count++;
        }
        return count;
    }
}
