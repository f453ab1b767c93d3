package io.dropclass.data;

/**
 * One class of a segmentation label set.
 *
 * @param trainId the index the model predicts (0..K-1)
 * @param name human-readable name, as the dataset owners spell it
 * @param labelId the id in the dataset's raw label files (Cityscapes labelIds), or the train id
 * @param rgb the palette colour as 0xRRGGBB
 */
public record ClassInfo(int trainId, String name, int labelId, int rgb) {

    /** Validates the fields. */
    public ClassInfo {
        if (trainId < 0 || trainId >= ClassCatalog.IGNORE_INDEX) {
            throw new IllegalArgumentException("trainId must be in [0, 255), got " + trainId);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("class name must not be blank");
        }
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("rgb must be 0xRRGGBB, got "
                    + Integer.toHexString(rgb));
        }
    }

    /** Red component, 0..255. */
    public int red() {
        return (rgb >> 16) & 0xFF;
    }

    /** Green component, 0..255. */
    public int green() {
        return (rgb >> 8) & 0xFF;
    }

    /** Blue component, 0..255. */
    public int blue() {
        return rgb & 0xFF;
    }
}
