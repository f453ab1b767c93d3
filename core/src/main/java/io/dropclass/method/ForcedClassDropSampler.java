package io.dropclass.method;

/**
 * A sampler without randomness: one class dropped at every step whatever λ is, or none (−1), as
 * the benchmark's worst case and the reference cases need.
 *
 * @param numClasses K
 * @param droppedClass z in [0, K), or −1 to never drop
 */
public record ForcedClassDropSampler(int numClasses, int droppedClass)
        implements ClassDropSampler {

    /** Checks the class. */
    public ForcedClassDropSampler {
        if (droppedClass < -1 || droppedClass >= numClasses) {
            throw new IllegalArgumentException("droppedClass must be -1 or in 0.."
                    + (numClasses - 1) + ", got " + droppedClass);
        }
    }

    /** {@inheritDoc} */
    @Override
    public DropDecision sample(int iteration, int epoch, double lambda, byte[][] labels) {
        return DropDecision.forced(epoch, lambda, droppedClass);
    }
}
