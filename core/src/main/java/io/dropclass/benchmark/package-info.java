/**
 * Throughput measurements of the real training step and predictor: per-phase step times, inference
 * times, FLOPs counted from the layer shapes, a dense matrix-multiply ceiling on the same threads,
 * resident memory, and their table and JSON. The composition (which network, data, objective) is
 * the experiment package's; nothing here reads the configuration.
 */
package io.dropclass.benchmark;
