/**
 * Image files for segmentation: reading images into planar RGB floats, writing label maps as
 * palette-indexed PNGs (index = train id) and painting masks, overlays and comparison panels.
 *
 * <p>Pure Java2D and ImageIO, usable headless ({@code java.awt.headless=true}); no tensors, no DJL.
 * Pixel values always come from raster samples, never from {@code getRGB}, which colour-converts
 * grey images. Files are written through a temporary file and a rename, so a failure never leaves a
 * half-written image.
 */
package io.dropclass.report.image;
