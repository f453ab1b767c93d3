package io.dropclass.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accelerators named {@code gpu:N}. A child JVM pinned to one sees only it
 * ({@code CUDA_VISIBLE_DEVICES=N}), as its first and only GPU.
 */
public final class Devices {

    private Devices() {}

    /**
     * Parses a device list.
     *
     * @param devices names such as {@code gpu:0}
     * @return the names, checked
     * @throws IllegalArgumentException naming the option and the fix for a bad name or a
     *     repeated one
     */
    public static List<String> parse(List<String> devices) {
        List<String> checked = new ArrayList<>();
        for (String d : devices) {
            String name = d.trim();
            if (!name.matches("gpu:\\d{1,3}")) {
                throw new IllegalArgumentException("--devices: '" + d + "' is not a device; name"
                        + " GPUs as gpu:0,gpu:1,...");
            }
            if (checked.contains(name)) {
                throw new IllegalArgumentException("--devices: " + name + " is named twice; name"
                        + " each GPU once");
            }
            checked.add(name);
        }
        return List.copyOf(checked);
    }

    /**
     * The index of a GPU device.
     *
     * @param device {@code gpu:N}, or empty for the engine's default device
     * @return N, or empty
     */
    public static Optional<Integer> gpuIndex(Optional<String> device) {
        return device.filter(d -> d.startsWith("gpu:"))
                .map(d -> Integer.parseInt(d.substring(4)));
    }
}
