package io.dropclass.data.validation;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads single-channel masks (palette indices or grey levels) and maps each raw value through a
 * table to a train id, 255 (ignore) or "unknown".
 */
public final class IndexedMasks implements MaskDecoder {

    /** Table entry of a raw value that is neither a class nor ignored. */
    public static final int UNKNOWN = -1;

    private final int[] table;

    private IndexedMasks(int[] table) {
        this.table = table;
    }

    /**
     * A decoder with a full mapping table.
     *
     * @param table 256 entries: a train id, 255 or {@link #UNKNOWN} per raw value
     * @return the decoder
     */
    public static IndexedMasks withTable(int[] table) {
        if (table.length != 256) {
            throw new IllegalArgumentException("table must have 256 entries, got " + table.length);
        }
        return new IndexedMasks(table.clone());
    }

    /**
     * A decoder for masks that already hold train ids: 0..classes-1 are kept, 255 is ignored, any
     * other value is unknown.
     *
     * @param classes the number of classes K
     * @return the decoder
     */
    public static IndexedMasks identity(int classes) {
        int[] table = unknownTable();
        for (int i = 0; i < classes; i++) {
            table[i] = i;
        }
        table[ClassCatalog.IGNORE_INDEX] = ClassCatalog.IGNORE_INDEX;
        return new IndexedMasks(table);
    }

    /**
     * A table where every value is unknown, to fill in.
     *
     * @return 256 entries of {@link #UNKNOWN}
     */
    public static int[] unknownTable() {
        int[] table = new int[256];
        java.util.Arrays.fill(table, UNKNOWN);
        return table;
    }

    @Override
    public DecodedMask decode(Path mask) throws IOException {
        LabelMap raw = ImageFiles.readLabels(mask);
        byte[] source = raw.labels();
        byte[] mapped = new byte[source.length];
        boolean[] seen = new boolean[256];
        for (int i = 0; i < source.length; i++) {
            int value = Byte.toUnsignedInt(source[i]);
            seen[value] = true;
            int id = table[value];
            mapped[i] = (byte) (id == UNKNOWN ? ClassCatalog.IGNORE_INDEX : id);
        }
        Set<Integer> rawValues = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (int v = 0; v < 256; v++) {
            if (seen[v]) {
                rawValues.add(v);
                if (table[v] == UNKNOWN) {
                    unknown.add(Integer.toString(v));
                }
            }
        }
        return new DecodedMask(new LabelMap(raw.height(), raw.width(), mapped), rawValues, unknown);
    }

    @Override
    public boolean acceptsColour() {
        return false;
    }
}
