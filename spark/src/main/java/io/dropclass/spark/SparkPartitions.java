package io.dropclass.spark;

import io.dropclass.scale.PartitionExecutor;
import io.dropclass.scale.PartitionedJob;
import io.dropclass.scale.Ranges;
import io.dropclass.scale.WorkerContext;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/**
 * A dataset job on Spark: the images split into as many aligned index ranges as the cluster has
 * task slots, each range a task whose executor computes a partial result (a confusion matrix,
 * class counts, masks written) with the network it loaded once, and the partial results combined
 * with a tree aggregate. The counts are integers and the ranges batch-aligned, so the result is
 * the serial one exactly.
 */
final class SparkPartitions implements PartitionExecutor {

    private final SparkSetup setup;

    SparkPartitions(SparkSetup setup) {
        this.setup = setup;
    }

    @Override
    public <P extends Serializable> P run(PartitionedJob<P> job) throws IOException {
        try (JavaSparkContext sc = setup.open()) {
            List<Ranges.Range> ranges =
                    Ranges.split(job.size(), job.alignment(), sc.defaultParallelism());
            if (ranges.isEmpty()) {
                return job.empty();
            }
            System.err.println("spark: " + job.size() + " image(s) in " + ranges.size()
                    + " task(s) on " + setup.describe());
            Combine<P> combine = new Combine<>(job);
            return sc.parallelize(ranges, ranges.size())
                    .mapPartitionsWithIndex(new Compute<>(job,
                            new TaskDevice(setup.localDevices())), true)
                    .treeAggregate(job.empty(), combine, combine);
        } catch (Exception e) { // SparkException is checked, though the Java API hides it
            throw SparkFailures.asIOException("an image range", e);
        } finally {
            if (setup.isLocal()) {
                ExecutorResources.closeAll(); // the local executor is this JVM
            }
        }
    }

    /** The task: the partial result of its ranges, on its executor's shared network. */
    private record Compute<P extends Serializable>(PartitionedJob<P> job, TaskDevice devices)
            implements Function2<Integer, Iterator<Ranges.Range>, Iterator<P>> {

        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<P> call(Integer partition, Iterator<Ranges.Range> ranges)
                throws IOException {
            WorkerContext worker = ExecutorResources.on(devices.of(partition));
            List<P> out = new ArrayList<>();
            while (ranges.hasNext()) {
                Ranges.Range r = ranges.next();
                out.add(job.compute(r.from(), r.to(), worker));
            }
            return out.iterator();
        }
    }

    /** Combines two partial results with the job's own rule. */
    private record Combine<P extends Serializable>(PartitionedJob<P> job)
            implements Function2<P, P, P> {

        private static final long serialVersionUID = 1L;

        @Override
        public P call(P a, P b) {
            return job.combine(a, b);
        }
    }
}
