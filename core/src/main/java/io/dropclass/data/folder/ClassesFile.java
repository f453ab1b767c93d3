package io.dropclass.data.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.validation.InvalidDatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes of a folder dataset, read from {@code classes.txt} (one class per line: {@code name}
 * or {@code name R G B}; a line {@code ignore R G B} lists a colour that maps to 255) or {@code
 * classes.json} ({@code {"classes": [{"name": "road", "color": [128, 64, 128]}, ...], "ignore":
 * [[0, 0, 0]]}}, or just the array of classes).
 *
 * @param catalog the classes in file order (train id = line number among classes)
 * @param hasColours whether every class has a colour, so colour-coded masks can be read
 * @param ignoreColours colours (0xRRGGBB) that map to 255
 */
public record ClassesFile(ClassCatalog catalog, boolean hasColours, Set<Integer> ignoreColours) {

    /** The name of class lines that list an ignored colour. */
    public static final String IGNORE = "ignore";

    /** Copies the set. */
    public ClassesFile {
        ignoreColours = Set.copyOf(ignoreColours);
    }

    /**
     * Reads a classes file.
     *
     * @param file a {@code .txt} or {@code .json} file
     * @return the classes
     * @throws IOException if the file cannot be read or a line is malformed (one-line message)
     */
    public static ClassesFile read(Path file) throws IOException {
        Builder b = new Builder(file);
        if (file.getFileName().toString().endsWith(".json")) {
            readJson(file, b);
        } else {
            readText(file, b);
        }
        return b.build();
    }

    private static void readText(Path file, Builder b) throws IOException {
        int number = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\\s+");
            Integer colour = null;
            String name = line;
            if (t.length >= 4
                    && isByte(t[t.length - 3])
                    && isByte(t[t.length - 2])
                    && isByte(t[t.length - 1])) {
                colour =
                        rgb(
                                Integer.parseInt(t[t.length - 3]),
                                Integer.parseInt(t[t.length - 2]),
                                Integer.parseInt(t[t.length - 1]));
                name = String.join(" ", java.util.Arrays.copyOf(t, t.length - 3));
            } else if (t.length > 1 && isByte(t[t.length - 1])) {
                throw new InvalidDatasetException(
                        file
                                + " line "
                                + number
                                + ": expected 'name' or 'name R G B' (0..255 each), got '"
                                + line
                                + "'");
            }
            b.add(name, colour);
        }
    }

    private static void readJson(Path file, Builder b) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidDatasetException(
                    file
                            + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("")
                            + ")");
        }
        JsonNode classes = root.isArray() ? root : root.path("classes");
        if (!classes.isArray()) {
            throw new InvalidDatasetException(
                    file
                            + ": expected {\"classes\": [{\"name\": ..., \"color\": [r, g, b]},"
                            + " ...]}");
        }
        for (JsonNode c : classes) {
            String name = c.isTextual() ? c.asText() : c.path("name").asText("");
            JsonNode colour = c.has("color") ? c.get("color") : c.get("colour");
            b.add(name, colour == null ? null : jsonColour(file, colour));
        }
        for (JsonNode c : root.path("ignore")) {
            b.add(IGNORE, jsonColour(file, c));
        }
    }

    private static int jsonColour(Path file, JsonNode c) throws InvalidDatasetException {
        if (!c.isArray()
                || c.size() != 3
                || !isByte(c.get(0).asText())
                || !isByte(c.get(1).asText())
                || !isByte(c.get(2).asText())) {
            throw new InvalidDatasetException(
                    file + ": colour " + c + " is not [r, g, b] with values 0..255");
        }
        return rgb(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt());
    }

    private static boolean isByte(String s) {
        if (!s.matches("\\d{1,3}")) {
            return false;
        }
        return Integer.parseInt(s) <= 255;
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }

    /** Collects the classes and checks names and colours. */
    private static final class Builder {
        private final Path file;
        private final List<String> names = new ArrayList<>();
        private final List<Integer> colours = new ArrayList<>();
        private final Set<Integer> ignore = new LinkedHashSet<>();

        Builder(Path file) {
            this.file = file;
        }

        void add(String name, Integer colour) throws InvalidDatasetException {
            if (name.isBlank()) {
                throw new InvalidDatasetException(file + ": a class has no name");
            }
            if (name.equalsIgnoreCase(IGNORE)) {
                if (colour == null) {
                    throw new InvalidDatasetException(
                            file + ": an 'ignore' entry needs a colour (ignore R G B)");
                }
                ignore.add(colour);
                return;
            }
            if (colour != null && (colours.contains(colour) || ignore.contains(colour))) {
                throw new InvalidDatasetException(
                        file
                                + ": class "
                                + name
                                + " repeats colour "
                                + String.format("#%06x", colour)
                                + "; give every class its own colour");
            }
            names.add(name);
            colours.add(colour);
        }

        ClassesFile build() throws InvalidDatasetException {
            if (names.isEmpty() || names.size() >= ClassCatalog.IGNORE_INDEX) {
                throw new InvalidDatasetException(
                        file
                                + ": expected 1 to 254 classes, got "
                                + names.size()
                                + "; list one class per line");
            }
            boolean allColours = !colours.contains(null);
            List<ClassInfo> classes = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                int rgb = colours.get(i) == null ? greyLevel(i, names.size()) : colours.get(i);
                classes.add(new ClassInfo(i, names.get(i), i, rgb));
            }
            return new ClassesFile(ClassCatalog.of("folder", classes), allColours, ignore);
        }

        private static int greyLevel(int i, int n) {
            int v = 40 + 200 * i / Math.max(1, n - 1);
            return v << 16 | v << 8 | v;
        }
    }
}
