package io.dropclass.data.cityscapes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of a Cityscapes file name, {@code <city>_<sequence>_<frame>_<type>[_<type2>].<ext>}
 * (e.g. {@code aachen_000000_000019_leftImg8bit.png}), split as cityscapesScripts' {@code
 * getCsFileInfo} splits it: at every underscore, the last part also at every dot, 5 or 6 parts.
 *
 * <p>The official pixel-level evaluation finds the prediction of a ground-truth frame by its
 * {@link #frameKey()}: any {@code <city>_<sequence>_<frame>*.png} below the results folder.
 *
 * @param city e.g. aachen
 * @param sequence e.g. 000000
 * @param frame e.g. 000019
 * @param type e.g. leftImg8bit, gtFine
 * @param type2 e.g. labelIds, or "" for a 5-part name
 * @param extension e.g. png
 */
public record CityscapesFileName(
        String city, String sequence, String frame, String type, String type2, String extension) {

    /**
     * Splits a file name.
     *
     * @param file a file (only its name counts)
     * @return its parts, or empty if it does not split into 5 or 6 non-empty parts
     */
    public static Optional<CityscapesFileName> parse(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String[] underscores = name.toString().split("_", -1);
        String[] last = underscores[underscores.length - 1].split("\\.", -1);
        String[] parts = new String[underscores.length - 1 + last.length];
        System.arraycopy(underscores, 0, parts, 0, underscores.length - 1);
        System.arraycopy(last, 0, parts, underscores.length - 1, last.length);
        if ((parts.length != 5 && parts.length != 6)
                || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(parts.length == 5
                ? new CityscapesFileName(parts[0], parts[1], parts[2], parts[3], "", parts[4])
                : new CityscapesFileName(parts[0], parts[1], parts[2], parts[3], parts[4],
                        parts[5]));
    }

    /** {@code <city>_<sequence>_<frame>}, the part every file of one frame shares. */
    public String frameKey() {
        return city + "_" + sequence + "_" + frame;
    }
}
