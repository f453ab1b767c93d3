/**
 * Datasets, class catalogs and samples. Everything here is pure Java: no tensors.
 */
package io.dropclass.data;
