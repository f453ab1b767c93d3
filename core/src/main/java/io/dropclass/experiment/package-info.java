/**
 * The composition root: builds datasets, the method (network and objective) and the training
 * setup from the configuration, and runs the use cases: train and resume, compare, bench,
 * evaluate, predict, the reference check and the run analysis.
 */
package io.dropclass.experiment;
