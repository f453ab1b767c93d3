package io.dropclass.scale;

import java.io.IOException;
import java.io.Serializable;

/** Runs a {@link PartitionedJob}: in this process, or its ranges spread over workers. */
public interface PartitionExecutor {

    /**
     * Computes every range and combines the partial results.
     *
     * @param job the job
     * @param <P> its partial result
     * @return the combined result
     * @throws IOException if a range fails; the message names the input
     */
    <P extends Serializable> P run(PartitionedJob<P> job) throws IOException;
}
