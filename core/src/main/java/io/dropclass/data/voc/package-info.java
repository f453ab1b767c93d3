/**
 * PASCAL VOC 2012 and its SBD-augmented training set: JPEG images, palette-indexed masks (the index
 * is the class, 255 the void border) and the official id lists; the 21-class catalog.
 */
package io.dropclass.data.voc;
