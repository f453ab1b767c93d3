package io.dropclass.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The resident memory of this process from {@code /proc/self/status} (Linux): VmRSS, the current
 * resident set, and VmHWM, its peak ("high water mark"). Elsewhere both are absent.
 *
 * @param currentMb VmRSS in MiB
 * @param peakMb VmHWM in MiB
 */
public record ProcessMemory(OptionalDouble currentMb, OptionalDouble peakMb) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /**
     * Reads the current figures.
     *
     * @return the figures, absent where the system has no {@code /proc/self/status}
     */
    public static ProcessMemory read() {
        try {
            return parse(Files.readString(STATUS, StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return new ProcessMemory(OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    /**
     * Parses the text of a {@code /proc/<pid>/status} file.
     *
     * @param status the file's text
     * @return VmRSS and VmHWM, each absent if its line is missing or unreadable
     */
    public static ProcessMemory parse(String status) {
        return new ProcessMemory(field(status, "VmRSS"), field(status, "VmHWM"));
    }

    /** A line {@code Name:   12345 kB}, in MiB. */
    private static OptionalDouble field(String status, String name) {
        for (String line : status.split("\n")) {
            if (!line.startsWith(name + ":")) {
                continue;
            }
            String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
