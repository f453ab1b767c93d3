package io.dropclass.method;

/**
 * Which branch of a {@link DropClassNetwork} predicts at inference (docs/method.md §9.1, §15.2).
 */
public enum PredictionBranch {
    /** ŷ_drop with all classes kept, through the transformation layer (official). */
    DROP,
    /** The plain ŷ = h(A), as a network without the head would predict. */
    PLAIN
}
