package io.dropclass.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The page faults this process has taken, from {@code /proc/self/stat} (Linux): minor faults (a
 * page mapped in without reading the disk: every first touch of freshly allocated memory) and major
 * faults (a page read from disk). A step that allocates its tensors anew from the kernel takes a
 * minor fault per page it touches; an allocator that keeps freed memory takes almost none.
 *
 * @param minor minor faults so far
 * @param major major faults so far
 */
public record PageFaults(long minor, long major) {

    private static final Path STAT = Path.of("/proc/self/stat");

    /**
     * Reads the counters.
     *
     * @return the counters, or empty where the system has no {@code /proc/self/stat}
     */
    public static Optional<PageFaults> read() {
        try {
            return parse(Files.readString(STAT, StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a {@code /proc/<pid>/stat} line: fields 10 (minflt) and 12 (majflt), counted after
     * the command name in parentheses, which may itself hold spaces.
     *
     * @param stat the line
     * @return the counters, or empty if the line is not of that form
     */
    public static Optional<PageFaults> parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // after ")": state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10)
        // cminflt(11) majflt(12)
        if (fields.length < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PageFaults(Long.parseLong(fields[7]),
                    Long.parseLong(fields[9])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The faults taken since an earlier reading.
     *
     * @param earlier the earlier counters
     * @return the differences
     */
    public PageFaults since(PageFaults earlier) {
        return new PageFaults(minor - earlier.minor, major - earlier.major);
    }
}
