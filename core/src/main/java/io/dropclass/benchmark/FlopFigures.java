package io.dropclass.benchmark;

import io.dropclass.nn.FlopCounter;
import java.util.OptionalDouble;

/**
 * The arithmetic of a training step, counted from the layer shapes ({@link ForwardFlops}). The
 * convention: one MAC is 2 FLOPs, and a training step costs 3 forwards (the backward computes the
 * gradients of both the inputs and the weights of every layer, each about one forward), so step
 * FLOPs = 3 · 2 · forward MACs per image · batch.
 *
 * @param forwardMacsPerImage MACs of the training forward (and loss) of one image
 * @param convolutionMacsPerImage the part of them in convolutions (the rest: matrix products of
 *     the bilinear resizes)
 * @param batch images per step
 * @param dropClassExtraShare the share of the forward MACs that the DropClass branch adds (its head
 *     and the second classifier pass): (with head − without) / with; absent for other methods
 */
public record FlopFigures(
        long forwardMacsPerImage,
        long convolutionMacsPerImage,
        int batch,
        OptionalDouble dropClassExtraShare) {

    /** Checks the counts. */
    public FlopFigures {
        if (convolutionMacsPerImage < 0 || convolutionMacsPerImage > forwardMacsPerImage
                || batch <= 0) {
            throw new IllegalArgumentException(
                    "need 0 <= convolution MACs <= MACs and batch > 0, got "
                            + convolutionMacsPerImage + ", " + forwardMacsPerImage + ", " + batch);
        }
    }

    /**
     * The figures of a DropClass network.
     *
     * @param withHead the count of one image's forward with the DropClass branch
     * @param withoutHead the count of one image's forward of the bare network
     * @param batch images per step
     * @return the figures with the branch's share
     */
    public static FlopFigures withDropClassBranch(
            FlopCounter withHead, FlopCounter withoutHead, int batch) {
        long with = withHead.macs();
        double share = with == 0 ? 0 : (double) (with - withoutHead.macs()) / with;
        return new FlopFigures(with, withHead.macs(FlopCounter.Kind.CONVOLUTION), batch,
                OptionalDouble.of(share));
    }

    /**
     * The figures of a network without the DropClass branch.
     *
     * @param forward the count of one image's forward
     * @param batch images per step
     * @return the figures without a branch share
     */
    public static FlopFigures of(FlopCounter forward, int batch) {
        return new FlopFigures(forward.macs(), forward.macs(FlopCounter.Kind.CONVOLUTION), batch,
                OptionalDouble.empty());
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
