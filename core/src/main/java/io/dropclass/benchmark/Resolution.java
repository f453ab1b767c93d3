package io.dropclass.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image size, written {@code HxW} (rows × columns), e.g. {@code 256x512}.
 *
 * @param height H, rows
 * @param width W, columns
 */
public record Resolution(int height, int width) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})[xX](\\d{1,6})");

    /** Checks that both sides are positive. */
    public Resolution {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "sizes must be positive, got " + height + "x" + width);
        }
    }

    /**
     * Parses {@code HxW}.
     *
     * @param text e.g. {@code 256x512}
     * @return the size
     * @throws IllegalArgumentException with the expected form, when the text is not {@code HxW}
     *     of positive numbers
     */
    public static Resolution parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()
                || Integer.parseInt(m.group(1)) == 0
                || Integer.parseInt(m.group(2)) == 0) {
            throw new IllegalArgumentException("expected HxW, e.g. 256x512, got '" + text + "'");
        }
        return new Resolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Parses a comma-separated list of sizes, or {@code none} for an empty list.
     *
     * @param text e.g. {@code 1024x2048,512x1024} or {@code none}
     * @return the sizes in their order
     * @throws IllegalArgumentException when an entry is not {@code HxW}
     */
    public static List<Resolution> parseList(String text) {
        if (text != null && text.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Resolution> list = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",", -1)) {
            list.add(parse(part));
        }
        return List.copyOf(list);
    }

    /** {@code HxW}. */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
