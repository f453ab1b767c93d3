package io.dropclass.data.validation;

/** The kinds of problems a dataset scan reports, each with what it means and what to do. */
public enum ProblemKind {
    /**
     * An image without its mask, a mask without its image, or a list entry naming a missing file.
     */
    MISSING_PAIR(
            "image/mask pair incomplete",
            "check that every image has a mask with the same name (and the list files' paths)"),
    /** A file that cannot be read or decoded. */
    UNREADABLE("unreadable file", "re-extract or re-convert the files (PNG, JPEG or BMP)"),
    /** Image and mask of different sizes. */
    SIZE_MISMATCH(
            "image and mask sizes differ",
            "masks must have the image's size; re-export them without resizing"),
    /** A 3-channel (colour-coded) mask where class indices are expected. */
    COLOUR_MASK(
            "colour-coded mask where class indices are expected",
            "save masks as single-channel PNGs of class ids (palette or grey),"
                    + " or use the folder layout with class colours in classes.txt"),
    /** A mask holding only 0 and 255 in a label set of more than two classes. */
    BINARY_MASK(
            "mask holds only 0 and 255 (a binary mask saved as 0/255?)",
            "save class ids (0..K-1, 255 = ignore), not 0/255 foreground masks"),
    /** Label values that are neither a class id nor the ignore index. */
    UNKNOWN_LABEL(
            "unknown label values",
            "masks must hold class ids 0..K-1 or 255 (ignore); check the class list");

    private final String description;
    private final String fix;

    ProblemKind(String description, String fix) {
        this.description = description;
        this.fix = fix;
    }

    /** What the problem is, in a few words. */
    public String description() {
        return description;
    }

    /** What the user should do about it. */
    public String fix() {
        return fix;
    }
}
