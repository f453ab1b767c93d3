/**
 * Weights on disk: the safetensors format (read with validation of every offset before anything is
 * allocated, and written), and loading or exporting a network's state under official names.
 */
package io.dropclass.model.weights;
