package io.dropclass.spark;

import io.dropclass.scale.ExecutorCatalog;
import io.dropclass.scale.ExecutorProvider;
import io.dropclass.scale.ExecutorSettings;
import io.dropclass.scale.PartitionExecutor;
import io.dropclass.scale.RunExecutor;

/** {@code --executor spark}: listed in {@code META-INF/services} of the dropclass-spark jar. */
public final class SparkExecutorProvider implements ExecutorProvider {

    /** The provider the service loader instantiates. */
    public SparkExecutorProvider() {
        // stateless: each command builds its own SparkSetup
    }

    @Override
    public String name() {
        return ExecutorCatalog.SPARK;
    }

    @Override
    public RunExecutor runs(ExecutorSettings settings) {
        return new SparkRuns(SparkSetup.of(settings), settings.launch());
    }

    @Override
    public PartitionExecutor partitions(ExecutorSettings settings) {
        return new SparkPartitions(SparkSetup.of(settings));
    }
}
