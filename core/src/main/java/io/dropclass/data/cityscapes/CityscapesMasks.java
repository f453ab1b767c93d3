package io.dropclass.data.cityscapes;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.validation.DecodedMask;
import io.dropclass.data.validation.IndexedMasks;
import io.dropclass.data.validation.MaskDecoder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads Cityscapes masks: {@code *_labelTrainIds.png} hold train ids (0..18, 255); any other mask
 * ({@code *_labelIds.png}) holds label ids, mapped by the official table (docs/method.md §12.2)
 * with every id that is not one of the 19 train classes going to 255.
 */
public final class CityscapesMasks implements MaskDecoder {

    /** The suffix of masks that hold train ids. */
    public static final String TRAIN_IDS_SUFFIX = "_gtFine_labelTrainIds.png";

    /** The suffix of masks that hold label ids. */
    public static final String LABEL_IDS_SUFFIX = "_gtFine_labelIds.png";

    private final IndexedMasks labelIds;
    private final IndexedMasks trainIds;

    /**
     * A decoder for a catalog's classes.
     *
     * @param catalog the Cityscapes catalog (its label ids define the mapping)
     */
    public CityscapesMasks(ClassCatalog catalog) {
        this.labelIds = IndexedMasks.withTable(labelIdTable(catalog));
        this.trainIds = IndexedMasks.identity(catalog.size());
    }

    /**
     * The label-id to train-id table: a class's label id gives its train id, every other value 255.
     *
     * @param catalog the classes
     * @return 256 entries
     */
    public static int[] labelIdTable(ClassCatalog catalog) {
        int[] table = new int[256];
        java.util.Arrays.fill(table, ClassCatalog.IGNORE_INDEX);
        for (ClassInfo c : catalog.classes()) {
            table[c.labelId()] = c.trainId();
        }
        return table;
    }

    @Override
    public DecodedMask decode(Path mask) throws IOException {
        boolean train = mask.getFileName().toString().endsWith(TRAIN_IDS_SUFFIX);
        return (train ? trainIds : labelIds).decode(mask);
    }

    @Override
    public boolean acceptsColour() {
        return false;
    }
}
