/**
 * Analyses that run a trained network: the classifier's class weight vectors and Grad-CAM maps
 * for segmentation. Unlike {@link io.dropclass.analysis}, these read tensors; their results are
 * plain Java arrays and records, for {@link io.dropclass.analysis.ClassifierSimilarity} and the
 * report painters.
 */
package io.dropclass.analysis.network;
