/**
 * Image files as the datasets and the predictions need them, in pure Java: decoding RGB images and
 * label PNGs (palette or grey, 8 bit) into arrays, label-id to train-id maps, and writing palette
 * PNGs whose index is the class id. Every error names the file.
 */
package io.dropclass.data.image;
