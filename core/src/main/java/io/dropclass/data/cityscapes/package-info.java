/**
 * The Cityscapes layout: {@code leftImg8bit/<split>/<city>/} images with {@code gtFine} label-id or
 * train-id masks, or the official {@code .lst} lists; label ids map to the 19 train ids.
 */
package io.dropclass.data.cityscapes;
