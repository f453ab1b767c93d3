package io.dropclass.reference;

import java.util.List;

/**
 * The DropClass training step of an {@code hrnet_*} reference case, from its {@code case.json}.
 *
 * @param numClasses K
 * @param epoch e, the epoch of the forward ({@code cur_epoch})
 * @param endEpoch E ({@code END_EPOCH}); λ = e/E ≤ 1
 * @param alpha α, the weight of L_sup
 * @param droppedClass the class forced to be dropped, or −1 for nothing dropped
 * @param classWeights the cross-entropy class weights, K values
 * @param bnEps the BatchNorm eps of the DropClass head
 * @param bnMomentum the BatchNorm momentum of the head, PyTorch convention
 */
public record ReferenceStep(
        int numClasses,
        int epoch,
        int endEpoch,
        double alpha,
        int droppedClass,
        List<Double> classWeights,
        double bnEps,
        double bnMomentum) {

    /** Validates the fields and copies the list. */
    public ReferenceStep {
        classWeights = List.copyOf(classWeights);
        if (numClasses <= 0) {
            throw new IllegalArgumentException("num_classes must be positive, got " + numClasses);
        }
        if (epoch < 0 || endEpoch <= 0 || epoch > endEpoch) {
            throw new IllegalArgumentException(
                    "need 0 <= epoch <= end_epoch and end_epoch > 0, got epoch "
                            + epoch
                            + ", end_epoch "
                            + endEpoch);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if (droppedClass < -1 || droppedClass >= numClasses) {
            throw new IllegalArgumentException(
                    "dropped_class must be -1 or in 0.."
                            + (numClasses - 1)
                            + ", got "
                            + droppedClass);
        }
        if (classWeights.size() != numClasses) {
            throw new IllegalArgumentException(
                    "class_weights has " + classWeights.size() + " values, expected " + numClasses);
        }
        if (!(bnEps > 0) || !(bnMomentum >= 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException(
                    "need bn_eps > 0 and bn_momentum_pytorch in [0, 1], got "
                            + bnEps
                            + " and "
                            + bnMomentum);
        }
    }

    /**
     * λ = e/E, in double as the official code.
     *
     * @return λ
     */
    public double lambda() {
        return (double) epoch / endEpoch;
    }

    /**
     * The class weights as floats.
     *
     * @return a new array of K values
     */
    public float[] classWeightArray() {
        float[] w = new float[classWeights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = classWeights.get(i).floatValue();
        }
        return w;
    }
}
