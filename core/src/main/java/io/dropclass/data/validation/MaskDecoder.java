package io.dropclass.data.validation;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a dataset's mask files and maps their values to train ids. */
public interface MaskDecoder {

    /**
     * Reads one mask.
     *
     * @param mask the mask file
     * @return the mapped labels and what the checks need
     * @throws IOException if the file cannot be read or is not a mask this decoder reads
     */
    DecodedMask decode(Path mask) throws IOException;

    /**
     * Whether colour (RGB) masks are read, mapped through class colours; otherwise a 3-channel mask
     * is reported as a colour mask where indices are expected.
     *
     * @return true if colour masks are accepted
     */
    boolean acceptsColour();
}
