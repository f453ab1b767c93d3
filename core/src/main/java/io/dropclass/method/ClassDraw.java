package io.dropclass.method;

import io.dropclass.data.ClassCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One draw of a DropClass decision from a generator (docs/method.md §7): z for the batch or one per
 * image, over all K classes or over the classes present (a batch or image without any labelled
 * pixel falls back to all K), then u; the class is dropped iff u ≤ λ.
 *
 * @param numClasses K
 * @param unit one z per batch (official) or per image
 * @param presentClassesOnly draw z among the classes present in the labels
 */
public record ClassDraw(int numClasses, SamplingUnit unit, boolean presentClassesOnly) {

    /** Checks the fields. */
    public ClassDraw {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * Draws z (one or B), then u, from a generator.
     *
     * @param draws the generator, advanced by the draw
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop)
     * @param labels the batch's B label maps
     * @return the decision
     */
    DropDecision draw(SplittableRandom draws, int epoch, double lambda, byte[][] labels) {
        List<Integer> classes = new ArrayList<>();
        if (unit == SamplingUnit.BATCH) {
            classes.add(drawClass(draws, labels));
        } else {
            for (byte[] label : labels) {
                classes.add(drawClass(draws, new byte[][] {label}));
            }
        }
        double u = draws.nextDouble(); // z first, u second, as the official code
        // official: the class is kept iff u > p
        return new DropDecision(epoch, lambda, unit, classes, u <= lambda);
    }

    private int drawClass(SplittableRandom draws, byte[][] labels) {
        if (!presentClassesOnly) {
            return draws.nextInt(numClasses);
        }
        List<Integer> present = presentClasses(labels);
        if (present.isEmpty()) {
            return draws.nextInt(numClasses);
        }
        return present.get(draws.nextInt(present.size()));
    }

    private List<Integer> presentClasses(byte[][] labels) {
        boolean[] seen = new boolean[numClasses];
        for (byte[] label : labels) {
            for (byte value : label) {
                int y = Byte.toUnsignedInt(value);
                if (y != ClassCatalog.IGNORE_INDEX && y < numClasses) {
                    seen[y] = true;
                }
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            if (seen[c]) {
                present.add(c);
            }
        }
        return present;
    }
}
