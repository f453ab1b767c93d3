package io.dropclass.spark;

import io.dropclass.scale.SerialPartitions;
import io.dropclass.scale.WorkerContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of this executor JVM, one set per device: a network is loaded once per executor
 * and device, and every task of a job on that executor shares it. They live until the executor
 * ends, or, in local mode (the executor is the driver's JVM), until the job ends.
 */
final class ExecutorResources {

    private static final Map<String, SerialPartitions.LocalResources> BY_DEVICE =
            new LinkedHashMap<>();

    private ExecutorResources() {}

    /**
     * The shared resources of a device on this executor.
     *
     * @param device {@code gpu:N}, or empty for the engine's default
     * @return the context tasks compute with
     */
    static synchronized WorkerContext on(Optional<String> device) {
        return BY_DEVICE.computeIfAbsent(device.orElse(""),
                d -> new SerialPartitions.LocalResources(device));
    }

    /**
     * Closes every resource of this JVM.
     *
     * @throws IOException if one cannot be closed
     */
    static synchronized void closeAll() throws IOException {
        IOException failure = null;
        for (SerialPartitions.LocalResources r : BY_DEVICE.values()) {
            try {
                r.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        BY_DEVICE.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
