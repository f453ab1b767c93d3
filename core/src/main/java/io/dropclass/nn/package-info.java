/**
 * Reusable functional layers for segmentation networks: convolution, batch normalisation, bilinear
 * resizing and their deterministic initialisation.
 *
 * <p>A layer here is not a DJL {@link ai.djl.nn.Block}: it owns {@link ai.djl.nn.Parameter}s that
 * carry the official PyTorch state-dict names ({@code conv1.weight}, {@code bn1.running_mean},
 * ...), and a model block registers those parameters directly, so that DJL's parameter list, a
 * safetensors checkpoint and a PyTorch {@code state_dict} use the same names. Every forward reads
 * its parameters through {@code ParameterStore.getValue(...)}, so DJL's trainers, parameter servers
 * and multi-device copies work as with DJL's own blocks.
 */
package io.dropclass.nn;
