package io.dropclass.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Batch normalisation over the channel axis of (N, C, H, W) input, with PyTorch's {@code
 * nn.BatchNorm2d} names: {@code <name>.weight} (γ), {@code <name>.bias} (β), and the buffers {@code
 * <name>.running_mean} and {@code <name>.running_var} (not trainable).
 *
 * <p>Training mode normalises with the batch statistics and updates the running buffers in place:
 * new = (1 − momentum)·old + momentum·batch, momentum in PyTorch's convention (0.01 for HRNet, i.e.
 * DJL's 0.99), the running variance from the unbiased batch variance. Inference mode uses the
 * running buffers and changes nothing. γ = 1, β = 0, mean 0, variance 1 initially.
 *
 * <p>On the PyTorch engine the momentum and eps reach {@code torch.batch_norm} as the exact doubles
 * given here; DJL's generic path would pass {@code 1f − m} in float, which is off by about 1e-8 (a
 * visible difference in running variances of large magnitude).
 */
public final class BatchNormLayer implements Layer {

    /** PyTorch-convention momentum of HRNet and DropClass ({@code BN_MOMENTUM = 0.01}). */
    public static final double HRNET_MOMENTUM = 0.01;

    /** PyTorch's default eps. */
    public static final double DEFAULT_EPS = 1e-5;

    private final LayerParameter gamma;
    private final LayerParameter beta;
    private final LayerParameter runningMean;
    private final LayerParameter runningVar;
    private final double momentum;
    private final double eps;
    private final List<LayerParameter> parameters;

    /**
     * Creates a batch normalisation layer.
     *
     * @param name the module name, e.g. {@code bn1} or {@code last_layer.1}
     * @param channels number of channels C
     * @param momentum PyTorch-convention momentum in [0, 1] (weight of the batch statistic)
     * @param eps the variance offset, > 0
     */
    public BatchNormLayer(String name, int channels, double momentum, double eps) {
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        Shape shape = new Shape(channels);
        gamma =
                LayerParameter.of(
                        name + ".weight",
                        Parameter.Type.GAMMA,
                        shape,
                        ParameterInit.constant(1f),
                        true);
        beta =
                LayerParameter.of(
                        name + ".bias",
                        Parameter.Type.BETA,
                        shape,
                        ParameterInit.constant(0f),
                        true);
        runningMean =
                LayerParameter.of(
                        name + ".running_mean",
                        Parameter.Type.RUNNING_MEAN,
                        shape,
                        ParameterInit.constant(0f),
                        false);
        runningVar =
                LayerParameter.of(
                        name + ".running_var",
                        Parameter.Type.RUNNING_VAR,
                        shape,
                        ParameterInit.constant(1f),
                        false);
        this.momentum = momentum;
        this.eps = eps;
        parameters = List.of(gamma, beta, runningMean, runningVar);
    }

    /**
     * A layer with HRNet's settings: momentum 0.01 (PyTorch convention), eps 1e-5.
     *
     * @param name the module name
     * @param channels number of channels
     * @return the layer
     */
    public static BatchNormLayer hrnet(String name, int channels) {
        return new BatchNormLayer(name, channels, HRNET_MOMENTUM, DEFAULT_EPS);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        Device device = x.getDevice();
        NDArray g = parameterStore.getValue(gamma.parameter(), device, training);
        NDArray b = parameterStore.getValue(beta.parameter(), device, training);
        NDArray mean = parameterStore.getValue(runningMean.parameter(), device, training);
        NDArray var = parameterStore.getValue(runningVar.parameter(), device, training);
        if (x instanceof PtNDArray && g instanceof PtNDArray && mean instanceof PtNDArray) {
            // JniUtils names its arguments (gamma, beta, mean, var) but passes them on in
            // position to torch.batch_norm(input, running_mean, running_var, weight, bias), as
            // DJL's own PtNDArrayEx.batchNorm does.
            return JniUtils.batchNorm(
                    (PtNDArray) x,
                    (PtNDArray) mean,
                    (PtNDArray) var,
                    (PtNDArray) g,
                    (PtNDArray) b,
                    training,
                    momentum,
                    eps);
        }
        // Other engines: DJL momentum m is the weight of the old value (torch gets 1 - m).
        return x.getNDArrayInternal()
                .batchNorm(x, mean, var, g, b, 1, (float) (1 - momentum), (float) eps, training)
                .singletonOrThrow();
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }

    /**
     * The variance offset.
     *
     * @return eps, > 0
     */
    public double eps() {
        return eps;
    }

    /**
     * γ, (C).
     *
     * @return the scale parameter ({@code .weight})
     */
    public Parameter gamma() {
        return gamma.parameter();
    }

    /**
     * β, (C).
     *
     * @return the shift parameter ({@code .bias})
     */
    public Parameter beta() {
        return beta.parameter();
    }

    /**
     * The running mean buffer, (C).
     *
     * @return the buffer
     */
    public Parameter runningMean() {
        return runningMean.parameter();
    }

    /**
     * The running variance buffer, (C).
     *
     * @return the buffer
     */
    public Parameter runningVar() {
        return runningVar.parameter();
    }
}
