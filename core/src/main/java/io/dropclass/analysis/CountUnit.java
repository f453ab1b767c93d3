package io.dropclass.analysis;

/** What the class counts n_c of the effective-number weighting count. */
public enum CountUnit {

    /** n_c = images containing class c: numbers suit β in {0.9, …, 0.9999} (Cui et al.). */
    IMAGES,

    /** n_c = labelled pixels of class c (10⁶–10⁹ per class: β must be extremely close to 1). */
    PIXELS
}
