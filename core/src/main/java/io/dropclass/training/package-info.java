/**
 * The training loop: batches, the SGD update, the poly schedule, progress, history and checkpoints.
 */
package io.dropclass.training;
