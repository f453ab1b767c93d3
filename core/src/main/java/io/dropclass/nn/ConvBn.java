package io.dropclass.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Convolution, batch normalisation and optional ReLU, as PyTorch's {@code nn.Sequential(conv, bn[,
 * relu])}: the convolution's parameters are named {@code <name>.0.*} and the normalisation's {@code
 * <name>.1.*}.
 *
 * <p>{@link #forwardScaled} applies the layer to input channels scaled by a vector s without
 * materialising the scaled input, and in inference mode folds the normalisation into the
 * convolution:
 *
 * <pre>
 *   conv(x ⊙ s)            = conv with W·diag(s) on x                  (training and inference)
 *   BN_eval(conv(x ⊙ s))   = conv with W' = α·W·diag(s), b' = α·(b − μ) + β on x
 *                            α = γ / √(σ² + eps), per output channel   (inference only)
 * </pre>
 *
 * <p>The folded weight is computed on every call from the current parameter values (an (out ×
 * in·k²) operation, small next to the convolution itself), so it can never be stale after an
 * optimizer step, a load or a training forward that moved the running statistics.
 */
public final class ConvBn extends ConvNorm {

    private final boolean relu;

    private ConvBn(Conv2dLayer conv, BatchNormLayer bn, boolean relu) {
        super(conv, bn);
        this.relu = relu;
    }

    /**
     * Creates the sequence {@code <name>.0} = conv k×k (padding k/2, no bias), {@code <name>.1} =
     * BatchNorm with HRNet's settings, then ReLU if asked.
     *
     * @param name the sequence's module name, e.g. {@code transition1.0}
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size (odd)
     * @param stride stride
     * @param relu true to end with ReLU
     * @return the layer
     */
    public static ConvBn hrnet(String name, int in, int out, int kernel, int stride, boolean relu) {
        Conv2dLayer conv =
                Conv2dLayer.builder(name + ".0", in, out, kernel)
                        .optStride(stride)
                        .optPadding(kernel / 2)
                        .build();
        return new ConvBn(conv, BatchNormLayer.hrnet(name + ".1", out), relu);
    }

    /**
     * Combines an existing convolution and normalisation (their names are kept as given).
     *
     * @param conv the convolution
     * @param bn the normalisation
     * @param relu true to end with ReLU
     * @return the layer
     */
    public static ConvBn of(Conv2dLayer conv, BatchNormLayer bn, boolean relu) {
        return new ConvBn(conv, bn, relu);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inference mode runs {@link #forwardFolded}: one convolution with BatchNorm folded in.
     */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        if (!training) {
            return forwardFolded(parameterStore, x);
        }
        return activate(normalised(parameterStore, x, training));
    }

    /**
     * The layer applied to x ⊙ s (channel k of x scaled by s_k) without computing x ⊙ s: the
     * convolution runs on x with the weight W·diag(s). In inference mode the normalisation is
     * folded into that weight and a bias as well, so the whole layer is one convolution (and the
     * ReLU). Differentiable with respect to x, s and every parameter.
     *
     * @param parameterStore the parameter store
     * @param x the input, (N, in, H, W); not closed
     * @param inputScale s, (in), one factor per input channel; not closed (a convolution with
     *     groups must not be scaled)
     * @param training training-mode normalisation (batch statistics, running buffers updated)
     * @return (N, out, H', W'), attached to the input's manager
     */
    public NDArray forwardScaled(
            ParameterStore parameterStore, NDArray x, NDArray inputScale, boolean training) {
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(conv().weight(), device, training); // (O, I, k, k)
        Shape ws = w.getShape();
        if (inputScale.getShape().dimension() != 1
                || inputScale.getShape().get(0) != ws.get(1)
                || x.getShape().get(1) != ws.get(1)) {
            throw new IllegalArgumentException(
                    "cannot scale the "
                            + x.getShape().get(1)
                            + " input channels of a "
                            + ws
                            + " convolution by "
                            + inputScale.getShape());
        }
        if (!training) {
            return folded(parameterStore, x, inputScale);
        }
        NDArray b = bias(parameterStore, device, true);
        NDArray y;
        try (NDArray s = inputScale.reshape(1, ws.get(1), 1, 1); // (1, I, 1, 1)
                NDArray scaled = w.mul(s)) { // (O, I, k, k): W·diag(s)
            y = conv().convolve(x, scaled, b);
        }
        NDArray z = bn().forward(parameterStore, y, true);
        y.close();
        return activate(z);
    }

    /**
     * Inference mode with the normalisation folded into the convolution: one convolution with
     * W' = α·W and b' = α·(b − μ) + β (α = γ / √(σ² + eps)) on x, then the ReLU if any. Equal to
     * {@code forward(ps, x, false)} up to float rounding.
     *
     * @param parameterStore the parameter store
     * @param x the input, (N, in, H, W); not closed
     * @return (N, out, H', W'), attached to the input's manager
     */
    public NDArray forwardFolded(ParameterStore parameterStore, NDArray x) {
        return folded(parameterStore, x, null);
    }

    private NDArray folded(ParameterStore ps, NDArray x, NDArray inputScale) {
        Device device = x.getDevice();
        NDArray w = ps.getValue(conv().weight(), device, false); // (O, I/groups, k, k)
        NDArray b = bias(ps, device, false); // (O) or null
        NDArray gamma = ps.getValue(bn().gamma(), device, false); // (O)
        NDArray beta = ps.getValue(bn().beta(), device, false); // (O)
        NDArray mean = ps.getValue(bn().runningMean(), device, false); // (O)
        NDArray var = ps.getValue(bn().runningVar(), device, false); // (O)
        Shape ws = w.getShape();
        // eps as a tensor of its own (Scalars): the graph may be recorded (Grad-CAM)
        try (NDArray eps = Scalars.constant(var, bn().eps());
                NDArray shifted = var.add(eps);
                NDArray std = shifted.sqrt();
                NDArray alpha = gamma.div(std); // (O): γ / √(σ² + eps)
                NDArray alpha4 = alpha.reshape(ws.get(0), 1, 1, 1); // (O, 1, 1, 1)
                NDArray normalised = w.mul(alpha4); // (O, I, k, k): α·W
                NDArray s =
                        inputScale == null ? null : inputScale.reshape(1, ws.get(1), 1, 1);
                NDArray scaled = s == null ? null : normalised.mul(s); // α·W·diag(s)
                NDArray centred = b == null ? mean.neg() : b.sub(mean); // (O): b − μ
                NDArray shift = centred.mul(alpha); // (O)
                NDArray foldedBias = shift.add(beta)) { // (O): α·(b − μ) + β
            NDArray y = conv().convolve(x, scaled == null ? normalised : scaled, foldedBias);
            return activate(y);
        }
    }

    private NDArray bias(ParameterStore ps, Device device, boolean training) {
        return conv().bias().map(p -> ps.getValue(p, device, training)).orElse(null);
    }

    /** ReLU if the layer has one (closing the input's handle), else the input itself. */
    private NDArray activate(NDArray z) {
        return relu ? Activation.RELU.applyAndClose(z) : z;
    }
}
