package io.dropclass.cli;

import java.util.List;

/** Warnings of a command's result (skipped samples, unusable inputs) on standard error. */
final class Warnings {

    private Warnings() {}

    /** Prints each warning on its own line of standard error, as {@code warning: TEXT}. */
    static void print(List<String> warnings) {
        warnings.forEach(w -> System.err.println("warning: " + w));
    }
}
