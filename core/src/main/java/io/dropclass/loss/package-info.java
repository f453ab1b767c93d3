/** Pixel losses for segmentation: pure functions of logits and targets, in engine tensors. */
package io.dropclass.loss;
