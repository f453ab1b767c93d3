package io.dropclass.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPU of a Spark task: the one Spark's resource scheduling assigned to it
 * ({@code spark.task.resource.gpu.amount}), else in local mode the {@code --devices} entry of its
 * partition (round robin), else none (the engine's default device).
 *
 * @param localDevices {@code gpu:N} names for local mode
 */
record TaskDevice(List<String> localDevices) implements Serializable {

    TaskDevice {
        localDevices = List.copyOf(localDevices);
    }

    /**
     * The device of the running task.
     *
     * @param partition the task's partition
     * @return {@code gpu:N}, or empty
     */
    Optional<String> of(int partition) {
        TaskContext task = TaskContext.get();
        if (task != null) {
            Map<String, ResourceInformation> resources = task.resourcesJMap();
            ResourceInformation gpu = resources.get("gpu");
            if (gpu != null && gpu.addresses().length > 0) {
                return Optional.of("gpu:" + gpu.addresses()[0]);
            }
        }
        if (localDevices.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(localDevices.get(partition % localDevices.size()));
    }
}
