package io.dropclass.analysis;

import io.dropclass.concurrent.Futures;
import io.dropclass.data.SegmentationDataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Per-class pixel and image counts of a dataset, after label mapping and with ignored pixels
 * excluded (toolkit-survey.md §5: statistics taken before mapping are wrong).
 *
 * @param classes one entry per class, in train-id order
 * @param ignoredPixels pixels labelled {@code 255}
 * @param images the number of images counted
 */
public record ClassStatistics(List<ClassCount> classes, long ignoredPixels, int images)
        implements Serializable {

    /** Share of labelled pixels below which a class is called rare (1 %). */
    public static final double RARE_SHARE = 0.01;

    /** Validates and copies the fields. */
    public ClassStatistics {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("classes must not be empty");
        }
        if (ignoredPixels < 0) {
            throw new IllegalArgumentException(
                    "ignoredPixels must be non-negative, got " + ignoredPixels);
        }
        if (images < 0) {
            throw new IllegalArgumentException("images must be non-negative, got " + images);
        }
        for (int c = 0; c < classes.size(); c++) {
            ClassCount count = classes.get(c);
            if (count.id() != c) {
                throw new IllegalArgumentException(
                        "classes must be in train-id order, entry " + c + " has id " + count.id());
            }
            if (count.images() > images) {
                throw new IllegalArgumentException(
                        "class "
                                + c
                                + " occurs in "
                                + count.images()
                                + " images, more than the "
                                + images
                                + " counted");
            }
        }
    }

    /**
     * Counts the classes of every sample in the calling thread.
     *
     * @param dataset the samples; labels must be train ids or 255
     * @return the statistics
     */
    public static ClassStatistics compute(SegmentationDataset dataset) {
        return compute(dataset, 1);
    }

    /**
     * Counts the classes of every sample, splitting the indices into {@code threads} contiguous
     * ranges counted in parallel. Counts are integers, so the result does not depend on {@code
     * threads}.
     *
     * @param dataset the samples; labels must be train ids or 255
     * @param threads worker threads, at least 1 (1 counts in the calling thread)
     * @return the statistics
     * @throws IllegalArgumentException if a label is neither a train id nor 255
     * @throws IllegalStateException if interrupted while waiting for the workers
     */
    public static ClassStatistics compute(SegmentationDataset dataset, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int k = dataset.classes().size();
        int n = dataset.size();
        if (threads == 1 || n < 2) {
            return countRange(dataset, 0, n).toStatistics(dataset.classes());
        }
        int workers = Math.min(threads, n);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<ClassCounter>> parts = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                int from = (int) ((long) n * w / workers);
                int to = (int) ((long) n * (w + 1) / workers);
                parts.add(pool.submit(() -> countRange(dataset, from, to)));
            }
            ClassCounter total = new ClassCounter(k);
            for (Future<ClassCounter> part : parts) {
                total.merge(join(part));
            }
            return total.toStatistics(dataset.classes());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Counts the classes of a range of samples in the calling thread: a part of the dataset's
     * statistics, to be added up with {@link #plus}.
     *
     * @param dataset the samples; labels must be train ids or 255
     * @param from the first index
     * @param to one past the last index
     * @return the statistics of the range
     * @throws IllegalArgumentException if a label is neither a train id nor 255, or the range is
     *     outside the dataset
     */
    public static ClassStatistics computeRange(SegmentationDataset dataset, int from, int to) {
        if (from < 0 || to > dataset.size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside the"
                    + " dataset's " + dataset.size() + " samples");
        }
        return countRange(dataset, from, to).toStatistics(dataset.classes());
    }

    /**
     * The statistics of both parts together: counts added, shares recomputed. Counts are integers,
     * so the sum does not depend on how a dataset was split.
     *
     * @param other statistics of other images of the same classes
     * @return the sum
     * @throws IllegalArgumentException if the class lists differ
     */
    public ClassStatistics plus(ClassStatistics other) {
        if (other.numClasses() != numClasses()) {
            throw new IllegalArgumentException("cannot add statistics of " + other.numClasses()
                    + " classes to statistics of " + numClasses());
        }
        long labelled = labelledPixels() + other.labelledPixels();
        List<ClassCount> sum = new ArrayList<>(numClasses());
        for (int c = 0; c < numClasses(); c++) {
            ClassCount a = classes.get(c);
            ClassCount b = other.classes.get(c);
            long pixels = a.pixels() + b.pixels();
            sum.add(new ClassCount(c, a.name(), pixels,
                    labelled == 0 ? Double.NaN : (double) pixels / labelled,
                    a.images() + b.images(),
                    a.pixelsOfImagesWithClass() + b.pixelsOfImagesWithClass()));
        }
        return new ClassStatistics(sum, ignoredPixels + other.ignoredPixels,
                images + other.images);
    }

    /** Labelled (non-ignored) pixels of all classes. */
    public long labelledPixels() {
        long sum = 0;
        for (ClassCount c : classes) {
            sum += c.pixels();
        }
        return sum;
    }

    /** The number of classes K. */
    public int numClasses() {
        return classes.size();
    }

    /**
     * The classes whose share of labelled pixels is below a threshold, classes without pixels
     * included.
     *
     * @param maxShare the threshold, e.g. {@link #RARE_SHARE}
     * @return train ids in increasing order; empty when nothing is labelled
     */
    public Set<Integer> rareClasses(double maxShare) {
        Set<Integer> rare = new TreeSet<>();
        for (ClassCount c : classes) {
            if (c.share() < maxShare) {
                rare.add(c.id());
            }
        }
        return Collections.unmodifiableSet(rare);
    }

    private static ClassCounter countRange(SegmentationDataset dataset, int from, int to) {
        ClassCounter counter = new ClassCounter(dataset.classes().size());
        for (int i = from; i < to; i++) {
            counter.addImage(i, dataset.get(i).label());
        }
        return counter;
    }

    private static ClassCounter join(Future<ClassCounter> part) {
        return Futures.await(part, "class counts");
    }
}
