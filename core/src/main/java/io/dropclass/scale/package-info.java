/**
 * Where runs and dataset work execute: the {@link io.dropclass.scale.RunExecutor} seam that a
 * comparison or a sweep hands its runs to ({@code serial} in this process, {@code processes} in a
 * pool of child JVMs, optionally one per GPU, or an executor found on the class path through
 * {@link io.dropclass.scale.ExecutorProvider}, such as the Spark module's), and the
 * {@link io.dropclass.scale.PartitionExecutor} seam that evaluation, prediction and statistics hand
 * a {@link io.dropclass.scale.PartitionedJob} to.
 *
 * <p>A run is described by its directory and its resolved configuration as JSON
 * ({@link io.dropclass.scale.RunTask}), so nothing here reads the configuration; the task side of
 * every executor goes through {@link io.dropclass.scale.RunWork}, which reuses finished runs and
 * trains unfinished ones again, so a retried or re-submitted task is safe.
 */
package io.dropclass.scale;
