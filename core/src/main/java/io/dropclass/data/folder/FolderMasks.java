package io.dropclass.data.folder;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.LabelMap;
import io.dropclass.data.image.RgbImage;
import io.dropclass.data.validation.DecodedMask;
import io.dropclass.data.validation.ImageHeader;
import io.dropclass.data.validation.IndexedMasks;
import io.dropclass.data.validation.MaskDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the masks of a folder dataset: single-channel masks hold class ids (255 = ignore);
 * colour-coded masks (RGB) are mapped through the class colours of the classes file, with the
 * listed ignore colours going to 255 and any other colour reported as unknown.
 */
public final class FolderMasks implements MaskDecoder {

    /** How many unknown colours a report names per mask. */
    static final int UNKNOWN_COLOURS_SHOWN = 5;

    private final IndexedMasks indexed;
    private final Map<Integer, Integer> byColour;
    private final boolean colours;

    /**
     * A decoder for a classes file.
     *
     * @param classes the classes, their colours and the ignore colours
     */
    public FolderMasks(ClassesFile classes) {
        ClassCatalog catalog = classes.catalog();
        this.indexed = IndexedMasks.identity(catalog.size());
        this.colours = classes.hasColours();
        this.byColour = new HashMap<>();
        for (int i = 0; i < catalog.size(); i++) {
            byColour.put(catalog.get(i).rgb(), i);
        }
        for (int ignore : classes.ignoreColours()) {
            byColour.put(ignore, ClassCatalog.IGNORE_INDEX);
        }
    }

    @Override
    public DecodedMask decode(Path mask) throws IOException {
        ImageHeader header = ImageHeader.read(mask);
        if (header.channels() < 3) {
            return indexed.decode(mask);
        }
        if (!colours) {
            throw new IOException(mask + ": colour mask, but the classes file gives no colours");
        }
        return decodeColours(ImageFiles.read(mask));
    }

    private DecodedMask decodeColours(RgbImage image) {
        int plane = image.height() * image.width();
        float[] p = image.planar();
        byte[] labels = new byte[plane];
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < plane; i++) {
            int rgb = level(p[i]) << 16 | level(p[plane + i]) << 8 | level(p[2 * plane + i]);
            Integer id = byColour.get(rgb);
            if (id == null) {
                if (unknown.size() < UNKNOWN_COLOURS_SHOWN) {
                    unknown.add(String.format("#%06x", rgb));
                }
                labels[i] = (byte) ClassCatalog.IGNORE_INDEX;
            } else {
                labels[i] = (byte) id.intValue();
            }
        }
        LabelMap map = new LabelMap(image.height(), image.width(), labels);
        return new DecodedMask(map, Set.of(), unknown);
    }

    private static int level(float v) {
        return Math.round(v * 255f);
    }

    @Override
    public boolean acceptsColour() {
        return colours;
    }
}
