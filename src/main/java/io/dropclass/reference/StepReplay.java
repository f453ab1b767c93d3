package io.dropclass.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.dropclass.data.ClassCatalog;
import io.dropclass.method.DropClassLoss;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassOutputs;
import io.dropclass.method.DropDecision;
import io.dropclass.model.weights.SafeTensorsDType;
import io.dropclass.model.weights.TensorData;
import io.dropclass.training.TrainingObjective.Terms;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replays the step of an {@code hrnet_*} case as the reference did: one training-mode forward with
 * the forced drop decision, the loss, backward (gradients start at zero), then one eval-mode
 * forward. BatchNorm running statistics are copied right after the training forward.
 */
final class StepReplay {

    /**
     * What the replay computed.
     *
     * @param entries entry name → host copy ({@code loss}, {@code logits}, {@code logits_drop},
     *     {@code after_train_forward.*}, {@code grad.*}, {@code eval_logits})
     * @param parts the loss parts as the objective names them ({@code ce}, {@code drop}, {@code
     *     sup}, ...)
     */
    record Outputs(Map<String, TensorData> entries, Map<String, Double> parts) {}

    private StepReplay() {}

    static Outputs replay(
            DropClassNetwork network,
            ReferenceStep step,
            NDArray images,
            byte[][] labels,
            NDManager manager) {
        zeroGradients(network);
        ParameterStore ps = new ParameterStore(manager, false);
        DropDecision decision =
                DropDecision.forced(step.epoch(), step.lambda(), step.droppedClass());
        DropClassLoss loss = new DropClassLoss(step.classWeightArray(), step.alpha());
        int height = Math.toIntExact(images.getShape().get(2));
        int width = Math.toIntExact(images.getShape().get(3));
        Map<String, TensorData> entries = new LinkedHashMap<>();
        Map<String, Double> parts = new LinkedHashMap<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            DropClassOutputs outputs = network.forwardTraining(ps, images, decision);
            Terms terms = loss.compute(outputs, labels, height, width, decision);
            entries.put("loss", snapshot(terms.total()));
            entries.put("logits", snapshot(outputs.logits()));
            entries.put("logits_drop", snapshot(outputs.dropLogits()));
            terms.parts().forEach((name, value) -> parts.put(name, (double) value.getFloat()));
            network.namedParameters()
                    .forEach(
                            (name, p) -> {
                                if (isRunningStatistic(p)) {
                                    entries.put(
                                            "after_train_forward." + name, snapshot(p.getArray()));
                                }
                            });
            collector.backward(terms.total());
        }
        network.namedParameters()
                .forEach(
                        (name, p) -> {
                            if (p.requiresGradient()) {
                                try (NDArray g = p.getArray().getGradient()) {
                                    entries.put("grad." + name, snapshot(g));
                                }
                            }
                        });
        try (NDList eval = network.forward(ps, new NDList(images), false)) {
            entries.put("eval_logits", snapshot(eval.singletonOrThrow())); // (B, K, h, w)
        }
        return new Outputs(entries, parts);
    }

    private static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN
                || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    /** Sets every trainable parameter's gradient to 0 (the engine accumulates gradients). */
    private static void zeroGradients(DropClassNetwork network) {
        for (Parameter p : network.namedParameters().values()) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        }
    }

    /** A host copy of a float32 array's values. */
    static TensorData snapshot(NDArray array) {
        float[] values = array.toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return new TensorData(SafeTensorsDType.F32, array.getShape(), bytes);
    }

    /**
     * The label maps of {@code labels} (B, H, W) I64, as unsigned bytes.
     *
     * @throws IllegalArgumentException for a value other than 0..K−1 and 255, naming the file
     */
    static byte[][] labels(TensorData labels, int numClasses, Path file) {
        long[] shape = labels.shape().getShape(); // (B, H, W)
        int images = Math.toIntExact(shape[0]);
        int plane = Math.toIntExact(shape[1] * shape[2]);
        LongBuffer values = labels.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        byte[][] maps = new byte[images][plane];
        for (int b = 0; b < images; b++) {
            for (int i = 0; i < plane; i++) {
                long y = values.get();
                if ((y < 0 || y >= numClasses) && y != ClassCatalog.IGNORE_INDEX) {
                    throw new IllegalArgumentException(
                            file
                                    + ": label value "
                                    + y
                                    + " is neither a class 0.."
                                    + (numClasses - 1)
                                    + " nor "
                                    + ClassCatalog.IGNORE_INDEX);
                }
                maps[b][i] = (byte) y;
            }
        }
        return maps;
    }
}
