/**
 * The Spark executor ({@code --executor spark}), found by the core through
 * {@link io.dropclass.scale.ExecutorProvider}: a grid runs as one Spark task per run, each task
 * training its run in a child JVM (two trainings cannot share one engine process) and returning
 * the run's metrics; evaluation, prediction and statistics run as image ranges spread over the
 * executors, one network per executor loaded once, partial counts combined with a tree aggregate.
 *
 * <p>The master is the embedded {@code local[N]} unless {@code --master} (or {@code spark-submit})
 * names a cluster. In local mode a failed task is retried as on a cluster: {@code local[N]} runs as
 * {@code local[N,F]} with {@code F = spark.task.maxFailures} (4 unless set).
 */
package io.dropclass.spark;
