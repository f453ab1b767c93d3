package io.dropclass.nn;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the multiply-accumulates (MACs) of the matrix-product-like layers of a forward pass from
 * their shapes: a {@link Conv2dLayer} reports out elements × in/groups × kh × kw, {@link
 * BilinearResize} its two matrix products. Elementwise work (BatchNorm, activations, losses) is not
 * counted. One MAC is two FLOPs.
 *
 * <p>Counting is off unless a counter is active on the calling thread:
 *
 * <pre>
 *   FlopCounter counter = new FlopCounter();
 *   try (FlopCounter.Session on = counter.start()) {
 *       network.forward(...);                 // the layers report to counter
 *   }
 *   counter.macs();
 * </pre>
 */
public final class FlopCounter {

    /** What reported the MACs. */
    public enum Kind {
        /** A 2-D convolution (1×1 classifiers included). */
        CONVOLUTION,
        /** A matrix product, e.g. one axis of a bilinear resize. */
        MATRIX_PRODUCT
    }

    /** Restores the previously active counter when closed. */
    public interface Session extends AutoCloseable {
        /** Stops counting on this thread (the previous counter, if any, is active again). */
        @Override
        void close();
    }

    private static final ThreadLocal<FlopCounter> ACTIVE = new ThreadLocal<>();

    private final Map<Kind, Long> macs = new EnumMap<>(Kind.class);

    /** Creates a counter at zero. */
    public FlopCounter() {
        for (Kind kind : Kind.values()) {
            macs.put(kind, 0L);
        }
    }

    /**
     * Makes this counter the active one of the calling thread until the session is closed.
     *
     * @return the session
     */
    public Session start() {
        FlopCounter previous = ACTIVE.get();
        ACTIVE.set(this);
        return () -> {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        };
    }

    /**
     * Whether a counter is active on the calling thread (layers skip their arithmetic otherwise).
     *
     * @return true while counting
     */
    public static boolean counting() {
        return ACTIVE.get() != null;
    }

    /**
     * Adds MACs to the active counter of the calling thread; nothing when none is active.
     *
     * @param kind what reports them
     * @param count MACs, ≥ 0
     */
    public static void report(Kind kind, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("MACs must be >= 0, got " + count);
        }
        FlopCounter counter = ACTIVE.get();
        if (counter != null) {
            counter.macs.merge(kind, count, Math::addExact);
        }
    }

    /**
     * The MACs of a 2-D convolution.
     *
     * @param outputElements N · out · H' · W'
     * @param inPerGroup in / groups
     * @param kernelHeight kh
     * @param kernelWidth kw
     * @return outputElements · inPerGroup · kh · kw
     */
    public static long convolutionMacs(
            long outputElements, long inPerGroup, long kernelHeight, long kernelWidth) {
        return Math.multiplyExact(Math.multiplyExact(outputElements, inPerGroup),
                Math.multiplyExact(kernelHeight, kernelWidth));
    }

    /**
     * The MACs of a (batched) matrix product (… × m × k) · (k × n).
     *
     * @param batch the product of the batch axes (1 for a plain product)
     * @param m rows of the result
     * @param k the shared axis
     * @param n columns of the result
     * @return batch · m · k · n
     */
    public static long matrixProductMacs(long batch, long m, long k, long n) {
        return Math.multiplyExact(Math.multiplyExact(batch, m), Math.multiplyExact(k, n));
    }

    /**
     * All MACs counted so far.
     *
     * @return the sum over the kinds
     */
    public long macs() {
        return macs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The MACs of one kind.
     *
     * @param kind the kind
     * @return its MACs
     */
    public long macs(Kind kind) {
        return macs.get(kind);
    }

    /**
     * All FLOPs counted so far, 2 per MAC.
     *
     * @return 2 · {@link #macs()}
     */
    public long flops() {
        return 2 * macs();
    }

    /**
     * This count shared out over the images it was counted on: every layer's MACs grow linearly
     * with the batch, so a count over n images divided by n is one image's.
     *
     * @param images n, > 0
     * @return a new counter with each kind's MACs divided by n (rounded down)
     */
    public FlopCounter perImage(int images) {
        if (images <= 0) {
            throw new IllegalArgumentException("images must be > 0, got " + images);
        }
        FlopCounter share = new FlopCounter();
        macs.forEach((kind, count) -> share.macs.put(kind, count / images));
        return share;
    }
}
