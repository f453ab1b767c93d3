package io.dropclass.scale;

import java.io.IOException;
import java.io.Serializable;

/**
 * Work over the items of a dataset (images) that splits into index ranges: each range gives a
 * partial result on some worker, and partial results combine (associatively, and commutatively
 * for integer counts) into the whole. Ranges start at multiples of {@link #alignment()}, so that
 * work done in groups (evaluation batches) groups the items as one whole pass would, and the
 * result does not depend on the split.
 *
 * @param <P> the partial result; it travels between JVMs
 */
public interface PartitionedJob<P extends Serializable> extends Serializable {

    /** The number of items. */
    int size();

    /** Ranges start at multiples of this, at least 1. */
    int alignment();

    /**
     * The partial result of a range of items.
     *
     * @param from the first item, a multiple of {@link #alignment()}
     * @param to one past the last item
     * @param worker the worker's device and its shared resources
     * @return the partial result
     * @throws IOException if an input cannot be read or an output written
     */
    P compute(int from, int to, WorkerContext worker) throws IOException;

    /** The result of no items. */
    P empty();

    /**
     * Two partial results combined; may return a new object or one of its arguments, changed.
     *
     * @param a a partial result
     * @param b another
     * @return both combined
     */
    P combine(P a, P b);
}
