package io.dropclass.data.validation;

import java.nio.file.Path;

/**
 * One problem with one file of a dataset.
 *
 * @param kind what is wrong
 * @param file the offending file
 * @param detail specifics (sizes, values), possibly empty
 */
public record Problem(ProblemKind kind, Path file, String detail) {

    /** Validates the fields. */
    public Problem {
        if (kind == null || file == null || detail == null) {
            throw new IllegalArgumentException("problem needs a kind, a file and a detail");
        }
    }

    /**
     * The problem as one line: file, what, detail and fix.
     *
     * @return e.g. {@code "/d/masks/a.png: unknown label values (17); masks must hold ..."}
     */
    public String message() {
        String what =
                detail.isEmpty() ? kind.description() : kind.description() + " (" + detail + ")";
        return file + ": " + what + "; " + kind.fix();
    }
}
