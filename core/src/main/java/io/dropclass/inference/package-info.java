/** Running a trained network on images: normalisation, eval-mode forward, upsampling, argmax. */
package io.dropclass.inference;
