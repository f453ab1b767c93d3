package io.dropclass.analysis.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BilinearResize;
import java.util.ArrayList;
import java.util.List;

/**
 * Grad-CAM for segmentation (toolkit-survey.md: the target is the sum of a class's logits over its
 * predicted or ground-truth mask), at the seam of {@link SegmentationNetwork}: the layer is the
 * feature map A that {@link SegmentationNetwork#classify} consumes in inference mode, i.e. {@code
 * features(ps, x, false)} of the network given. For a {@link io.dropclass.method.DropClassNetwork}
 * that is the drop-branch feature with every class kept, the one the official model predicts
 * from; pass {@code network()} instead to explain the plain branch.
 *
 * <pre>
 * A      = features(x), inference mode           (1, C, h, w), detached into a leaf
 * L      = upsample(classify(A)) to (H, W)        bilinear, align_corners = false (as predicted)
 * M      = {p : argmax_k L_k(p) = c}  (PREDICTED) or {p : label(p) = c}  (GROUND_TRUTH)
 * score  = Σ_{p∈M} L_c(p)
 * w_k    = mean_{h,w} ∂score/∂A_k
 * CAM    = ReLU(Σ_k w_k A_k), upsampled bilinearly to (H, W), divided by its maximum
 * </pre>
 *
 * <p>Why the score is taken after upsampling: the mask is then exactly the prediction that {@link
 * io.dropclass.inference.SegmentationPredictor} reports, or the ground truth at full resolution,
 * without resampling labels. Because upsampling is linear with rows summing to 1, for a 1×1 head
 * w_k = W_ck · |M| / (h·w), so the normalised CAM is ReLU(W_c · A) / max, whatever the mask.
 *
 * <p>Inference mode: BatchNorm uses running statistics and updates nothing. The engine writes
 * gradients into every parameter of the head during backward; they are restored to their values
 * from before the call, so a training loop's gradients are untouched. Must not be called while
 * another {@link GradientCollector} is open (DJL allows one at a time). Temporaries are closed.
 */
public final class GradCam {

    private GradCam() {}

    /**
     * Computes one Grad-CAM map.
     *
     * @param network an initialised network
     * @param manager parent of the temporary arrays (all closed before returning)
     * @param request the image, the class and how to choose its target pixels
     * @return the map and its target
     */
    public static GradCamResult compute(
            SegmentationNetwork network, NDManager manager, GradCamRequest request) {
        requireValid(network, request);
        int height = request.height();
        int width = request.width();
        int classId = request.classId();
        CamTarget target = request.target();
        int pixels = request.pixels();
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray x = scope.create(request.image(), new Shape(1, 3, height, width)).duplicate();
            NDArray features = network.features(ps, x, false); // (1, C, h, w)
            NDArray a = features.stopGradient(); // a leaf: the head's graph starts here
            a.setRequiresGradient(true);
            List<NDArray[]> saved = saveGradients(network, scope);
            float[] channelWeights = new float[network.featureChannels()];
            long targetPixels;
            double score;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.classify(ps, a, false); // (1, K, h, w)
                NDArray full = BilinearResize.resize(logits, height, width, false); // (1, K, H, W)
                NDArray mask = targetMask(full, request, scope); // (H, W), float 0/1
                targetPixels = Math.round(mask.sum().getFloat());
                NDArray s = full.get(0, classId).mul(mask).sum(); // ()
                score = s.getFloat();
                if (targetPixels > 0) {
                    collector.backward(s);
                }
            }
            restoreGradients(saved);
            if (targetPixels == 0) {
                return new GradCamResult(
                        classId, target, height, width, new float[pixels], 0, 0, channelWeights, 0,
                        true);
            }
            NDArray grad = a.getGradient(); // (1, C, h, w)
            grad.attach(scope);
            long channels = grad.getShape().get(1);
            NDArray w = grad.reshape(1, channels, -1)
                    .mean(new int[] {2}) // (1, C); one axis: PyTorch
                    .reshape(1, channels, 1, 1); // engine reduces one axis at a time
            channelWeights = w.toFloatArray();
            NDArray cam = a.mul(w).sum(new int[] {1}, true).maximum(0f); // (1, 1, h, w)
            float[] heat = BilinearResize.resize(cam, height, width, false).toFloatArray();
            float max = normalise(heat);
            return new GradCamResult(
                    classId, target, height, width, heat, targetPixels, score, channelWeights, max,
                    false);
        }
    }

    private static void requireValid(SegmentationNetwork network, GradCamRequest request) {
        int height = request.height();
        int width = request.width();
        float[] image = request.image();
        if (height <= 0 || width <= 0 || image.length != 3 * height * width) {
            throw new IllegalArgumentException(
                    "image must hold 3x" + height + "x" + width + " floats, got " + image.length);
        }
        int classId = request.classId();
        if (classId < 0 || classId >= network.numClasses()) {
            throw new IllegalArgumentException(
                    "class " + classId + " outside [0, " + network.numClasses() + ")");
        }
        byte[] labels = request.labels();
        if (request.target() == CamTarget.GROUND_TRUTH && (labels == null
                || labels.length != height * width)) {
            throw new IllegalArgumentException("GROUND_TRUTH needs height * width labels");
        }
    }

    /**
     * M as a float 0/1 map (H, W) that owns its memory: where the upsampled logits (1, K, H, W)
     * predict the class, or where the labels hold it.
     */
    private static NDArray targetMask(NDArray full, GradCamRequest request, NDManager scope) {
        int classId = request.classId();
        if (request.target() == CamTarget.PREDICTED) {
            return full.argMax(1).squeeze(0).eq(classId).toType(DataType.FLOAT32, false);
        }
        int pixels = request.pixels();
        byte[] labels = request.labels();
        float[] m = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            m[i] = Byte.toUnsignedInt(labels[i]) == classId ? 1f : 0f;
        }
        return scope.create(m, new Shape(request.height(), request.width())).duplicate();
    }

    /** Divides the map by its maximum in place (all 0 when the maximum is 0); the maximum. */
    private static float normalise(float[] heat) {
        float max = 0;
        for (float v : heat) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("Grad-CAM map is not finite");
            }
            max = Math.max(max, v);
        }
        for (int i = 0; i < heat.length; i++) {
            heat[i] = max > 0 ? Math.max(0f, heat[i]) / max : 0f;
        }
        return max;
    }

    /**
     * Copies of the current gradients of the trainable parameters: {parameter array, copy of its
     * gradient, or null when it had none}.
     */
    private static List<NDArray[]> saveGradients(SegmentationNetwork network, NDManager scope) {
        List<NDArray[]> saved = new ArrayList<>();
        for (Parameter p : network.namedParameters().values()) {
            if (p.isInitialized() && p.requiresGradient()) {
                NDArray array = p.getArray();
                NDArray copy = null;
                if (array.hasGradient()) {
                    try (NDArray g = array.getGradient()) {
                        copy = g.duplicate();
                        copy.attach(scope);
                    }
                }
                saved.add(new NDArray[] {array, copy});
            }
        }
        return saved;
    }

    /**
     * Writes the saved values back into the gradients, in place; a gradient that did not exist
     * before is zeroed.
     */
    private static void restoreGradients(List<NDArray[]> saved) {
        for (NDArray[] pair : saved) {
            if (!pair[0].hasGradient()) {
                continue;
            }
            try (NDArray g = pair[0].getGradient()) {
                g.subi(g);
                if (pair[1] != null) {
                    g.addi(pair[1]);
                }
            }
        }
    }
}
