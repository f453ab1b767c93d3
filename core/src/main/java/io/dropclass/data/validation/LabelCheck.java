package io.dropclass.data.validation;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The label-value checks of one decoded mask: 0/255 binary masks and unknown values. */
public final class LabelCheck {

    private static final Set<Integer> BINARY = Set.of(0, 255);

    private LabelCheck() {}

    /**
     * Checks a decoded mask.
     *
     * @param mask the mask file, for the report
     * @param decoded its decoded values
     * @param classes the number of classes K
     * @return the first problem found, if any
     */
    public static Optional<Problem> check(Path mask, DecodedMask decoded, int classes) {
        if (classes > 2 && decoded.rawValues().equals(BINARY)) {
            return Optional.of(new Problem(ProblemKind.BINARY_MASK, mask, ""));
        }
        if (!decoded.unknownValues().isEmpty()) {
            String values = String.join(", ", decoded.unknownValues());
            return Optional.of(new Problem(ProblemKind.UNKNOWN_LABEL, mask, values));
        }
        return Optional.empty();
    }
}
