package io.dropclass.data.validation;

import io.dropclass.data.image.LabelMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A mask read and mapped to train ids, with what its checks need.
 *
 * @param labels train ids or 255 per pixel; unknown values are stored as 255
 * @param rawValues the distinct raw values of an indexed mask (empty for colour masks)
 * @param unknownValues raw values or colours that map to no class and are not ignored, as text
 */
public record DecodedMask(LabelMap labels, Set<Integer> rawValues, Set<String> unknownValues) {

    /** Copies the sets, keeping their order (reports list values in that order). */
    public DecodedMask {
        rawValues = Collections.unmodifiableSet(new LinkedHashSet<>(rawValues));
        unknownValues = Collections.unmodifiableSet(new LinkedHashSet<>(unknownValues));
    }
}
