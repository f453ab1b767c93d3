package io.dropclass.training;

import io.dropclass.concurrent.Futures;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.inference.ImageNormalization;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares training batches in background threads, ahead of the training step.
 *
 * <p>The stream is a function of the seed alone, whatever the thread count: epoch e visits the
 * images in a permutation drawn from (seed, e); the augmentation of the image in slot s of
 * iteration i draws from (seed, i, s). So batch i can be rebuilt at any time, which also makes
 * resuming exact.
 */
public final class BatchLoader implements AutoCloseable {

    private static final int AHEAD = 3;

    private final SegmentationDataset dataset;
    private final PairedTransform transform;
    private final int cropHeight;
    private final int cropWidth;
    private final int batchSize;
    private final long seed;
    private final ExecutorService workers;
    private final Deque<Future<TrainingBatch>> pending = new ArrayDeque<>();
    /** Visiting order of the epochs in use (the current and the previous one). */
    private final Map<Integer, int[]> permutations = new HashMap<>(); // guarded by this
    private int nextToSubmit;

    /**
     * How a loader draws and delivers its batches.
     *
     * @param batchSize images per batch, > 0
     * @param seed the seed of the order and the augmentation
     * @param threads background threads, > 0
     * @param firstIteration the iteration of the first batch returned
     */
    public record Settings(int batchSize, long seed, int threads, int firstIteration) {

        /** Checks the sizes. */
        public Settings {
            if (batchSize <= 0 || threads <= 0) {
                throw new IllegalArgumentException("batch size and threads must be positive, got "
                        + batchSize + ", " + threads);
            }
        }
    }

    /**
     * Creates a loader whose transform declares its output size ({@link
     * PairedTransform#outputSize}), e.g. {@code RandomCropFlip} or a {@code TransformPresets}
     * preset.
     *
     * @param dataset the training images
     * @param transform the paired augmentation
     * @param batchSize images per batch
     * @param seed the seed of the order and the augmentation
     * @param threads background threads
     * @param firstIteration the iteration of the first batch returned
     * @throws IllegalArgumentException when the transform's output size is not known up front
     */
    public BatchLoader(
            SegmentationDataset dataset,
            PairedTransform transform,
            int batchSize,
            long seed,
            int threads,
            int firstIteration) {
        this(dataset, transform, declaredSize(transform),
                new Settings(batchSize, seed, threads, firstIteration));
    }

    /**
     * Creates a loader with an explicit sample size: every transformed sample must have it.
     *
     * @param dataset the training images
     * @param transform the paired augmentation
     * @param size rows and columns of every transformed sample
     * @param settings batch size, seed, threads and first iteration
     */
    public BatchLoader(
            SegmentationDataset dataset,
            PairedTransform transform,
            PairedTransform.Size size,
            Settings settings) {
        this.dataset = dataset;
        this.transform = transform;
        this.cropHeight = size.height();
        this.cropWidth = size.width();
        this.batchSize = settings.batchSize();
        this.seed = settings.seed();
        this.nextToSubmit = settings.firstIteration();
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "dropclass-loader");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < AHEAD; i++) {
            submit();
        }
    }

    private static PairedTransform.Size declaredSize(PairedTransform transform) {
        return transform.outputSize(Optional.empty()).orElseThrow(() ->
                new IllegalArgumentException("the output size of " + transform
                        + " is not known up front: wrap it in FixedSize or pass the crop size"));
    }

    private void submit() {
        int iteration = nextToSubmit++;
        pending.addLast(workers.submit(() -> build(iteration)));
    }

    /**
     * The next batch, waiting for it if needed.
     *
     * @return the batch of the next iteration
     */
    public TrainingBatch next() {
        Future<TrainingBatch> future = pending.removeFirst();
        submit();
        return Futures.await(future, "a batch");
    }

    /**
     * Builds the batch of one iteration (also usable without the background threads).
     *
     * @param iteration the optimizer step
     * @return the batch
     */
    public TrainingBatch build(int iteration) {
        int h = cropHeight;
        int w = cropWidth;
        float[] images = new float[batchSize * 3 * h * w];
        byte[][] labels = new byte[batchSize][];
        for (int slot = 0; slot < batchSize; slot++) {
            long position = (long) iteration * batchSize + slot;
            int index = indexAt(position);
            SplittableRandom random = new SplittableRandom(mix(seed, iteration, slot));
            SegmentationSample sample = transform.apply(dataset.get(index), random);
            if (sample.height() != h || sample.width() != w) {
                throw new IllegalStateException("the transform gave image " + index + " (iteration "
                        + iteration + ", slot " + slot + ") the size " + sample.height() + "x"
                        + sample.width() + ", but every sample of a batch must be " + h + "x" + w
                        + ": end the transform with a crop and a pad to that size");
            }
            ImageNormalization.IMAGENET.normalise(sample.image(), images, slot * 3 * h * w);
            labels[slot] = sample.label();
        }
        return new TrainingBatch(iteration, images, labels, h, w);
    }

    /** The epoch (complete passes over the dataset) that an iteration's first image belongs to. */
    public int epochOf(int iteration) {
        return (int) ((long) iteration * batchSize / dataset.size());
    }

    private int indexAt(long position) {
        int n = dataset.size();
        int epoch = (int) (position / n);
        int offset = (int) (position % n);
        return permutation(epoch)[offset];
    }

    /**
     * The visiting order of an epoch, drawn from (seed, epoch) alone; the orders of the current and
     * the previous epoch are kept (worker threads may straddle an epoch boundary). A plain map
     * under a lock: ConcurrentHashMap forbids changing other keys inside computeIfAbsent.
     */
    private synchronized int[] permutation(int epoch) {
        int[] cached = permutations.get(epoch);
        if (cached != null) {
            return cached;
        }
        permutations.keySet().removeIf(k -> k < epoch - 1);
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, -1 - epoch, 0));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        permutations.put(epoch, order);
        return order;
    }

    static long mix(long seed, long a, long b) {
        long x = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        x ^= x >>> 31;
        return x * 0xD6E8FEB86659FD93L;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
