/**
 * Image/mask file pairs, checked before and while they are read: the scan of a split (pairs, sizes,
 * readability, mask kind), label-value checks, the report of problems and the dataset that reads
 * checked pairs. The dataset layouts ({@code cityscapes}, {@code voc}, {@code camvid}, {@code
 * folder}) list pairs and choose a {@link io.dropclass.data.validation.MaskDecoder}; this package
 * does the rest.
 */
package io.dropclass.data.validation;
