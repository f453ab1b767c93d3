/**
 * The life of a training run on disk: its directory and lock, the training-state checkpoints and
 * what they hold, the listeners that record a run (history, best and last weights, checkpoints,
 * progress), the resume plan that checks before it changes anything, and the terminal status.
 * Nothing here reads the configuration; the experiment composes these pieces.
 */
package io.dropclass.run;
