/**
 * The official Cityscapes pixel-level metrics, as cityscapesScripts'
 * {@code evalPixelLevelSemanticLabeling.py} defines them: class and category IoU over label ids,
 * and instance-level iIoU, whose true positives and false negatives are weighted by the class's
 * average instance size over the instance's size. Pure Java, no tensors.
 */
package io.dropclass.evaluation.cityscapes;
