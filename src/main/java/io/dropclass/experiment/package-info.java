/**
 * The composition root: turns a configuration into datasets, a network, an objective and a trainer,
 * runs them, and lays out the run directory. The only package that sees the whole configuration.
 */
package io.dropclass.experiment;
