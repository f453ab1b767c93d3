package io.dropclass.scale;

import java.io.IOException;

/** Trains one run into its (absent or empty) directory; returns when the run has finished. */
@FunctionalInterface
public interface RunTrainer {

    /**
     * Trains a run.
     *
     * @param task the run
     * @throws IOException if it fails; the message names the run
     */
    void train(RunTask task) throws IOException;
}
