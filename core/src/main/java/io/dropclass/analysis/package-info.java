/**
 * Dataset analysis: class pixel and image statistics, and the class-weight schemes derived from
 * them (toolkit-survey.md §5). Everything here is pure Java: no tensors.
 */
package io.dropclass.analysis;
