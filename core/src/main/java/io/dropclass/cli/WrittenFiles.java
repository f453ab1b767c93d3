package io.dropclass.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files and folders a command wrote, named once each at the end of its output: one
 * {@code what: path} line per entry, the paths aligned. A path added twice keeps its first label;
 * a path that does not exist is left out (a file the command turned out not to write).
 */
final class WrittenFiles {

    private final Map<Path, String> entries = new LinkedHashMap<>();

    /**
     * Adds an entry.
     *
     * @param what what it holds, e.g. {@code metrics}
     * @param path the file or folder
     * @return this
     */
    WrittenFiles add(String what, Path path) {
        entries.putIfAbsent(path, what);
        return this;
    }

    /**
     * Prints the entries that exist.
     *
     * @param out where
     */
    void print(PrintStream out) {
        Map<Path, String> present = new LinkedHashMap<>();
        entries.forEach((path, what) -> {
            if (Files.exists(path)) {
                present.put(path, what);
            }
        });
        int width = present.values().stream().mapToInt(String::length).max().orElse(0) + 1;
        present.forEach((path, what) ->
                out.println(String.format("%-" + (width + 1) + "s", what + ":") + path));
    }
}
