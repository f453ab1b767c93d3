package io.dropclass.scale;

import java.util.List;
import java.util.Map;

/**
 * The executor chosen on the command line and its settings.
 *
 * @param name {@code serial}, {@code processes}, or a provider's name such as {@code spark}
 * @param parallel runs (or task slots) at once; 0 when not given
 * @param devices {@code gpu:N} names; empty for CPU only
 * @param master a cluster manager's URL ({@code local[N]}, {@code spark://...}, {@code k8s://...},
 *     {@code yarn}), or null for the provider's default
 * @param conf further settings of the provider (e.g. Spark configuration keys)
 * @param launch how a worker starts a child JVM that trains a run
 */
public record ExecutorSettings(String name, int parallel, List<String> devices, String master,
        Map<String, String> conf, WorkerLaunch launch) {

    /** Copies the lists. */
    public ExecutorSettings {
        devices = List.copyOf(devices);
        conf = Map.copyOf(conf);
    }
}
