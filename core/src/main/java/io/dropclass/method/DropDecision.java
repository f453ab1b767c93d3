package io.dropclass.method;

import io.dropclass.data.ClassCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The drop decision of one training iteration (docs/method.md §7): the sampled class z (one for the
 * batch, or one per image), whether it is dropped (u ≤ p), the schedule value λ and the epoch e.
 *
 * <p>When {@code dropped} is false nothing is dropped, whatever z was sampled: the drop branch then
 * averages ReLU(W_c) over all K classes, exactly as at inference.
 *
 * @param epoch e, the 0-based epoch of the iteration
 * @param lambda λ = p(drop) of the iteration, in [0, 1]
 * @param unit whether z applies to the whole batch (official) or to one image each
 * @param sampledClasses z: at most one entry for {@link SamplingUnit#BATCH}, one per image for
 *     {@link SamplingUnit#IMAGE}; empty when nothing was sampled
 * @param dropped whether z is dropped in this iteration
 */
public record DropDecision(
        int epoch,
        double lambda,
        SamplingUnit unit,
        List<Integer> sampledClasses,
        boolean dropped) {

    /** Validates the fields and copies the list. */
    public DropDecision {
        Objects.requireNonNull(unit, "unit");
        sampledClasses = List.copyOf(sampledClasses);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
        if (unit == SamplingUnit.BATCH && sampledClasses.size() > 1) {
            throw new IllegalArgumentException(
                    "a batch decision has at most one class, got " + sampledClasses);
        }
        if (dropped && sampledClasses.isEmpty()) {
            throw new IllegalArgumentException("a drop needs a sampled class");
        }
        for (int z : sampledClasses) {
            if (z < 0) {
                throw new IllegalArgumentException("classes must be >= 0, got " + sampledClasses);
            }
        }
    }

    /**
     * Nothing sampled, nothing dropped (s = mean over all K classes).
     *
     * @param epoch e
     * @param lambda λ
     * @return the decision
     */
    public static DropDecision none(int epoch, double lambda) {
        return new DropDecision(epoch, lambda, SamplingUnit.BATCH, List.of(), false);
    }

    /**
     * A forced decision for the whole batch, as the reference cases use: class z is dropped
     * whatever λ is, or nothing when z = −1.
     *
     * @param epoch e
     * @param lambda λ
     * @param droppedClass z, or −1 for no drop
     * @return the decision
     */
    public static DropDecision forced(int epoch, double lambda, int droppedClass) {
        if (droppedClass < -1) {
            throw new IllegalArgumentException(
                    "droppedClass must be a class or -1, got " + droppedClass);
        }
        if (droppedClass == -1) {
            return none(epoch, lambda);
        }
        return new DropDecision(epoch, lambda, SamplingUnit.BATCH, List.of(droppedClass), true);
    }

    /**
     * The dropped class for logging: z of the batch ({@link SamplingUnit#IMAGE}: of the first
     * image), or −1 when nothing is dropped.
     *
     * @return z or −1
     */
    public int droppedClass() {
        return dropped ? sampledClasses.get(0) : -1;
    }

    /**
     * The class dropped in one image.
     *
     * @param image the image index b
     * @return z_b, or −1 when nothing is dropped
     */
    public int droppedClassOf(int image) {
        if (!dropped) {
            return -1;
        }
        return unit == SamplingUnit.BATCH ? sampledClasses.get(0) : sampledClasses.get(image);
    }

    /**
     * Rows of the keep mask: 1 for a batch decision (and for no drop), B for a per-image drop.
     *
     * @return R
     */
    public int maskRows() {
        return dropped && unit == SamplingUnit.IMAGE ? sampledClasses.size() : 1;
    }

    /**
     * The keep mask m: m_c = 0 for the dropped class, 1 otherwise (docs/method.md §3.1).
     *
     * @param numClasses K
     * @return R·K values, row-major (R, K), R = {@link #maskRows()}
     * @throws IllegalArgumentException if a dropped class is not below K
     */
    public float[] keepMask(int numClasses) {
        int rows = maskRows();
        float[] mask = new float[rows * numClasses];
        Arrays.fill(mask, 1f);
        if (dropped) {
            for (int r = 0; r < rows; r++) {
                int z = sampledClasses.get(r);
                if (z >= numClasses) {
                    throw new IllegalArgumentException(
                            "dropped class " + z + " is not below K = " + numClasses);
                }
                mask[r * numClasses + z] = 0f;
            }
        }
        return mask;
    }

    /**
     * A copy of label maps with the dropped class's pixels set to the ignore label (docs/method.md
     * §5.3); each image gets its own z_b. The input is not changed.
     *
     * @param labels B label maps of unsigned bytes
     * @return new label maps
     * @throws IllegalArgumentException if a per-image decision has another number of images
     */
    public byte[][] relabel(byte[][] labels) {
        checkImages(labels.length);
        byte[][] out = new byte[labels.length][];
        for (int b = 0; b < labels.length; b++) {
            out[b] = labels[b].clone();
            int z = droppedClassOf(b);
            if (z < 0) {
                continue;
            }
            for (int i = 0; i < out[b].length; i++) {
                if (Byte.toUnsignedInt(out[b][i]) == z) {
                    out[b][i] = (byte) ClassCatalog.IGNORE_INDEX;
                }
            }
        }
        return out;
    }

    /**
     * Checks that a per-image decision covers a batch.
     *
     * @param images B
     * @throws IllegalArgumentException if a per-image drop has another number of classes
     */
    public void checkImages(int images) {
        if (dropped && unit == SamplingUnit.IMAGE && sampledClasses.size() != images) {
            throw new IllegalArgumentException(
                    "per-image decision for "
                            + sampledClasses.size()
                            + " images applied to a batch of "
                            + images);
        }
    }
}
