package io.dropclass.analysis;

import io.dropclass.data.ClassCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Accumulates the counts of {@link ClassStatistics} image by image. Not thread-safe. */
final class ClassCounter {

    private final int numClasses;
    private final long[] pixels;
    private final int[] images;
    private final long[] pixelsOfImagesWithClass;

    /** Per-image histogram of the 256 byte values, reused between images. */
    private final long[] histogram = new long[256];

    private long ignoredPixels;
    private int imageCount;

    ClassCounter(int numClasses) {
        this.numClasses = numClasses;
        this.pixels = new long[numClasses];
        this.images = new int[numClasses];
        this.pixelsOfImagesWithClass = new long[numClasses];
    }

    /**
     * Counts one image.
     *
     * @param index the image's index, for error messages
     * @param label train ids or 255, as unsigned bytes
     */
    void addImage(int index, byte[] label) {
        Arrays.fill(histogram, 0);
        for (byte b : label) {
            histogram[b & 0xFF]++;
        }
        for (int v = numClasses; v < ClassCatalog.IGNORE_INDEX; v++) {
            if (histogram[v] > 0) {
                throw new IllegalArgumentException(
                        "image "
                                + index
                                + ": label "
                                + v
                                + " is neither a train id in [0, "
                                + numClasses
                                + ") nor 255");
            }
        }
        long labelled = label.length - histogram[ClassCatalog.IGNORE_INDEX];
        for (int c = 0; c < numClasses; c++) {
            if (histogram[c] > 0) {
                pixels[c] += histogram[c];
                images[c]++;
                pixelsOfImagesWithClass[c] += labelled;
            }
        }
        ignoredPixels += histogram[ClassCatalog.IGNORE_INDEX];
        imageCount++;
    }

    /** Adds another counter's counts to this one. */
    void merge(ClassCounter other) {
        for (int c = 0; c < numClasses; c++) {
            pixels[c] += other.pixels[c];
            images[c] += other.images[c];
            pixelsOfImagesWithClass[c] += other.pixelsOfImagesWithClass[c];
        }
        ignoredPixels += other.ignoredPixels;
        imageCount += other.imageCount;
    }

    /** The counts as a result, with names from the catalog. */
    ClassStatistics toStatistics(ClassCatalog catalog) {
        long labelled = 0;
        for (long n : pixels) {
            labelled += n;
        }
        List<ClassCount> classes = new ArrayList<>(numClasses);
        for (int c = 0; c < numClasses; c++) {
            double share = labelled == 0 ? Double.NaN : (double) pixels[c] / labelled;
            classes.add(
                    new ClassCount(
                            c,
                            catalog.get(c).name(),
                            pixels[c],
                            share,
                            images[c],
                            pixelsOfImagesWithClass[c]));
        }
        return new ClassStatistics(classes, ignoredPixels, imageCount);
    }
}
