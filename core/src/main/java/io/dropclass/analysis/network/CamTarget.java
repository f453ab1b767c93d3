package io.dropclass.analysis.network;

/** Which pixels make up a Grad-CAM target: the score is the class's logit summed over them. */
public enum CamTarget {
    /** Pixels the network predicts as the class (argmax of the upsampled logits). */
    PREDICTED,
    /** Pixels labelled with the class in the ground truth. */
    GROUND_TRUTH
}
