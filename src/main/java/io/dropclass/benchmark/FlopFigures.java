package io.dropclass.benchmark;

import java.util.OptionalDouble;

/**
 * The arithmetic of a training step, counted from the layer shapes ({@link ForwardFlops}). The
 * convention: one MAC is 2 FLOPs, and a training step costs 3 forwards (the backward computes the
 * gradients of both the inputs and the weights of every layer, each about one forward), so step
 * FLOPs = 3 · 2 · forward MACs per image · batch.
 *
 * @param forwardMacsPerImage MACs of the training forward (and loss) of one image
 * @param batch images per step
 * @param dropClassExtraShare the share of the forward MACs that the DropClass branch adds (its head
 *     and the second classifier pass): (with head − without) / with; absent for other methods
 */
public record FlopFigures(long forwardMacsPerImage, int batch, OptionalDouble dropClassExtraShare) {

    /** Checks the counts. */
    public FlopFigures {
        if (forwardMacsPerImage < 0 || batch <= 0) {
            throw new IllegalArgumentException(
                    "need MACs >= 0 and batch > 0, got " + forwardMacsPerImage + ", " + batch);
        }
    }

    /**
     * The figures of a DropClass network.
     *
     * @param withHead forward MACs of one image with the DropClass branch
     * @param withoutHead forward MACs of one image of the bare network
     * @param batch images per step
     * @return the figures with the branch's share
     */
    public static FlopFigures withDropClassBranch(long withHead, long withoutHead, int batch) {
        double share = withHead == 0 ? 0 : (double) (withHead - withoutHead) / withHead;
        return new FlopFigures(withHead, batch, OptionalDouble.of(share));
    }

    /**
     * Forward GMAC of one image.
     *
     * @return forward MACs / 10⁹
     */
    public double forwardGmacPerImage() {
        return forwardMacsPerImage / 1e9;
    }

    /**
     * GFLOP of one training step.
     *
     * @return 3 · 2 · MACs · batch / 10⁹
     */
    public double stepGflop() {
        return 6.0 * forwardMacsPerImage * batch / 1e9;
    }
}
