package io.dropclass.scale;

/**
 * An executor found on the class path at run time ({@link java.util.ServiceLoader}; a jar lists
 * its implementation in {@code META-INF/services/io.dropclass.scale.ExecutorProvider}). The Spark
 * module provides {@code spark}.
 */
public interface ExecutorProvider {

    /** The name given to {@code --executor}. */
    String name();

    /**
     * An executor of training runs.
     *
     * @param settings the chosen settings
     * @return the executor
     * @throws IllegalArgumentException with a one-line message for unusable settings
     */
    RunExecutor runs(ExecutorSettings settings);

    /**
     * An executor of dataset jobs (evaluation, prediction, statistics).
     *
     * @param settings the chosen settings
     * @return the executor
     * @throws IllegalArgumentException with a one-line message for unusable settings
     */
    PartitionExecutor partitions(ExecutorSettings settings);
}
