package io.dropclass.evaluation;

import io.dropclass.data.ClassCatalog;

/**
 * Pixel counts of (ground truth, prediction) pairs for K classes: rows are the ground truth,
 * columns the prediction. Pixels labelled {@link ClassCatalog#IGNORE_INDEX} are skipped.
 *
 * <p>Accumulate one matrix over a whole evaluation set (dataset-level IoU), not one per image.
 *
 * <p><b>Not thread-safe.</b> Give each thread its own matrix and {@link #merge} them at the end;
 * counts are integers, so the merged result does not depend on the order.
 */
public final class ConfusionMatrix {

    private final int numClasses;

    /** Row-major K×K counts: {@code counts[truth * K + prediction]}. */
    private final long[] counts;

    /**
     * An empty matrix.
     *
     * @param numClasses K, 1..255 (255 is the ignore index)
     */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1 || numClasses > ClassCatalog.IGNORE_INDEX) {
            throw new IllegalArgumentException("numClasses must be in [1, 255], got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses * numClasses];
    }

    /**
     * A matrix holding the given counts, for tests and for results read back from files.
     *
     * @param counts K×K non-negative counts, rows = ground truth, columns = prediction
     * @return a new matrix (the array is copied)
     */
    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix matrix = new ConfusionMatrix(counts.length);
        for (int t = 0; t < counts.length; t++) {
            if (counts[t].length != counts.length) {
                throw new IllegalArgumentException(
                        "counts must be square, row "
                                + t
                                + " has "
                                + counts[t].length
                                + " columns, expected "
                                + counts.length);
            }
            for (int p = 0; p < counts.length; p++) {
                matrix.add(t, p, counts[t][p]);
            }
        }
        return matrix;
    }

    /** The number of classes K. */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Counts every pixel whose label is not the ignore index.
     *
     * @param truth ground-truth train ids (unsigned bytes), 255 = ignore
     * @param prediction predicted train ids (unsigned bytes), each in 0..K-1
     * @throws IllegalArgumentException if the lengths differ, a label is neither a class nor 255,
     *     or a prediction of a labelled pixel is not a class; the matrix is then left unchanged
     */
    public void add(byte[] truth, byte[] prediction) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException(
                    "truth and prediction lengths differ: "
                            + truth.length
                            + " vs "
                            + prediction.length);
        }
        long[] local = new long[counts.length];
        for (int i = 0; i < truth.length; i++) {
            int t = Byte.toUnsignedInt(truth[i]);
            if (t == ClassCatalog.IGNORE_INDEX) {
                continue;
            }
            int p = Byte.toUnsignedInt(prediction[i]);
            if (t >= numClasses || p >= numClasses) {
                throw new IllegalArgumentException(
                        "pixel "
                                + i
                                + ": truth "
                                + t
                                + ", prediction "
                                + p
                                + ", expected classes in [0, "
                                + numClasses
                                + ") (truth may also be 255)");
            }
            local[t * numClasses + p]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += local[i];
        }
    }

    /**
     * Adds a count to one cell.
     *
     * @param truth ground-truth class, 0..K-1
     * @param prediction predicted class, 0..K-1
     * @param count pixels to add, at least 0
     */
    public void add(int truth, int prediction, long count) {
        checkClass("truth", truth);
        checkClass("prediction", prediction);
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, got " + count);
        }
        int cell = truth * numClasses + prediction;
        counts[cell] = Math.addExact(counts[cell], count);
    }

    /**
     * Adds all counts of another matrix of the same size to this one.
     *
     * @param other a matrix with the same K; it is not modified
     */
    public void merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException(
                    "cannot merge a "
                            + other.numClasses
                            + "-class matrix into a "
                            + numClasses
                            + "-class matrix");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.addExact(counts[i], other.counts[i]);
        }
    }

    /**
     * One cell.
     *
     * @param truth ground-truth class
     * @param prediction predicted class
     * @return the pixels of class {@code truth} predicted as {@code prediction}
     */
    public long count(int truth, int prediction) {
        checkClass("truth", truth);
        checkClass("prediction", prediction);
        return counts[truth * numClasses + prediction];
    }

    /**
     * The labelled pixels of a class (row sum): TP + FN.
     *
     * @param c a class
     * @return its labelled pixels
     */
    public long labelled(int c) {
        checkClass("class", c);
        return strided(c * numClasses, 1); // row c
    }

    /**
     * The pixels predicted as a class (column sum over labelled pixels): TP + FP.
     *
     * @param c a class
     * @return its predicted pixels
     */
    public long predicted(int c) {
        checkClass("class", c);
        return strided(c, numClasses); // column c
    }

    /** The sum of K counts from a start, a stride apart (a row: stride 1; a column: K). */
    private long strided(int start, int stride) {
        long sum = 0;
        for (int i = 0; i < numClasses; i++) {
            sum += counts[start + i * stride];
        }
        return sum;
    }

    /** All counted (non-ignored) pixels. */
    public long total() {
        long sum = 0;
        for (long n : counts) {
            sum += n;
        }
        return sum;
    }

    /**
     * A copy of the counts.
     *
     * @return a new K×K array, rows = ground truth, columns = prediction
     */
    public long[][] counts() {
        long[][] copy = new long[numClasses][numClasses];
        for (int t = 0; t < numClasses; t++) {
            System.arraycopy(counts, t * numClasses, copy[t], 0, numClasses);
        }
        return copy;
    }

    private void checkClass(String what, int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException(
                    what + " must be in [0, " + numClasses + "), got " + c);
        }
    }
}
