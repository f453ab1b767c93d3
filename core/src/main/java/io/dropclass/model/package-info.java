/**
 * Segmentation networks: the {@link io.dropclass.model.SegmentationNetwork} seam that the DropClass
 * head wraps, and HRNetV2 ({@link io.dropclass.model.HrNet}, configured by {@link
 * io.dropclass.model.HrNetSpec}) with the parameter names of the official checkpoints.
 */
package io.dropclass.model;
