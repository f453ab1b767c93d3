package io.dropclass.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.method.DropClassLoss;
import io.dropclass.method.MethodParts;
import io.dropclass.model.DeepLabV3;
import io.dropclass.model.HrNet;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.StateDict;
import io.dropclass.model.weights.TensorData;
import io.dropclass.nn.BilinearResize;
import io.dropclass.nn.Scalars;
import io.dropclass.reference.CaseInputs;
import io.dropclass.reference.ReferenceCase;
import io.dropclass.reference.ReferenceCheck;
import io.dropclass.reference.ReferenceMode;
import io.dropclass.reference.ReferenceModels;
import io.dropclass.reference.ReferenceResult;
import io.dropclass.reference.ReferenceStep;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingDivergedException;
import io.dropclass.training.TrainingObjective.Terms;
import io.dropclass.training.TrainingStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check-reference}: replays a reference case through the training step that {@code train}
 * runs, and compares what it computed with the official code's numbers ({@link ReferenceCheck}).
 *
 * <p>The step is built by {@link TrainingSetup} from a configuration that says what the case ran
 * (method, α, E = {@code end_epoch}), around the case's network in the mode's tensor format
 * (float32 or float64, contiguous or channels-last), with the case's weights loaded strictly. The
 * sampler is forced to the case's class (or to no drop), the step is given the case's epoch (so
 * the schedule yields λ = e/E), and a {@link TrainingStep.Probe} copies what the reference saved:
 *
 * <pre>
 *   after the forward    loss, logits, logits_drop, after_train_forward.* (running statistics)
 *   after the backward   grad.* of every trainable parameter
 *   then                 the optimizer's update, with learning rate 0 (SGD's p − 0·v = p: the
 *                        weights stay exactly as the reference's eval forward saw them)
 *   eval forward         eval_logits (all classes kept)
 * </pre>
 *
 * <p>A torchvision DeepLabV3 case is evaluated first ({@code eval_logits_upsampled}, from the
 * loaded statistics, logits upsampled to the input size), then stepped once for its running
 * statistics, as torchvision's case was made.
 */
public final class ReferenceReplay {

    private static final String AFTER = "after_train_forward.";

    private ReferenceReplay() {}

    /**
     * Replays a case in one mode and compares it.
     *
     * @param referenceCase the case
     * @param mode element type and layout
     * @return the comparison (unsupported or failed with a message when the case cannot run)
     * @throws IOException if a case file cannot be read
     */
    public static ReferenceResult check(ReferenceCase referenceCase, ReferenceMode mode)
            throws IOException {
        if (!referenceCase.supports(mode)) {
            return ReferenceCheck.failed(referenceCase, mode, referenceCase.directory()
                    + ": has no " + mode.toleranceKey() + " for a " + mode.label() + " run");
        }
        Optional<SegmentationNetwork> bare = bareNetwork(referenceCase);
        if (bare.isEmpty()) {
            return ReferenceResult.unsupported(referenceCase, mode,
                    ReferenceModels.unsupportedReason(referenceCase.model()));
        }
        int numClasses = bare.get().numClasses();
        Optional<ReferenceStep> step = referenceCase.step();
        ExperimentConfig config = configuration(referenceCase, hasHead(referenceCase));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            double[] classWeights = step.map(ReferenceReplay::classWeights)
                    .orElseGet(() -> ones(numClasses));
            int forced = step.map(ReferenceStep::droppedClass).orElse(-1);
            MethodParts parts = Networks.method(config).droppingAlways(forced).build(bare.get(),
                    classWeights, Math.max(1, config.dropclass().endEpoch()));
            SegmentationNetwork network = parts.network();
            network.initializeParameters(manager, config.runtime().seed(), mode.format());
            Optional<String> loadError = loadWeights(network, referenceCase, manager);
            if (loadError.isPresent()) {
                return ReferenceCheck.failed(referenceCase, mode, loadError.get());
            }
            CaseInputs inputs = CaseInputs.read(referenceCase, numClasses);
            Recorder recorder = new Recorder(network);
            int epoch = step.map(ReferenceStep::epoch).orElse(0);
            // the setup moves the parameters into the optimizer's buffer: stores come after it
            try (TrainingSetup setup = TrainingSetup.forParts(config, parts, manager)) {
                ParameterStore ps = new ParameterStore(manager, false);
                if (wants(referenceCase, mode, "eval_logits_upsampled")) {
                    recorder.evaluate(ps, inputs, mode, manager, true);
                }
                TrainingBatch batch = new TrainingBatch(0, inputs.images(), inputs.labels(),
                        inputs.height(), inputs.width());
                setup.step().withProbe(recorder).run(manager, ps, batch, epoch, 0.0,
                        TrainingStep.PhaseClock.NONE);
                if (wants(referenceCase, mode, "eval_logits")) {
                    recorder.evaluate(ps, inputs, mode, manager, false);
                }
            } catch (TrainingDivergedException e) {
                return ReferenceCheck.failed(referenceCase, mode, e.getMessage());
            }
            return ReferenceCheck.compare(referenceCase, mode, new ReferenceCheck.Replayed(
                    recorder.entries, recorder.parts, network.trainableParameterCount()));
        }
    }

    /**
     * Replays a case in several modes.
     *
     * @param referenceCase the case
     * @param modes the modes, in order
     * @return one result per mode
     * @throws IOException if a case file cannot be read
     */
    public static List<ReferenceResult> check(ReferenceCase referenceCase,
            List<ReferenceMode> modes) throws IOException {
        List<ReferenceResult> results = new ArrayList<>();
        for (ReferenceMode mode : modes) {
            results.add(check(referenceCase, mode));
        }
        return results;
    }

    /** The case's network without a head: its HRNet layout, or the named model. */
    private static Optional<SegmentationNetwork> bareNetwork(ReferenceCase referenceCase) {
        String model = referenceCase.model();
        if (ReferenceModels.isDeepLabV3MobileNetV3Large(model)) {
            return referenceCase.numClasses().isPresent()
                    ? Optional.of(DeepLabV3.mobileNetV3Large(
                            referenceCase.numClasses().getAsInt(),
                            referenceCase.widthMult().orElse(1),
                            referenceCase.headChannels().orElse(DeepLabV3.HEAD_CHANNELS)))
                    : Optional.empty();
        }
        return referenceCase.step().flatMap(step ->
                referenceCase.layout().or(() -> ReferenceModels.hrNetSpec(model))
                        .map(spec -> HrNet.create(spec, step.numClasses())));
    }

    /** Whether the case's weights carry the DropClass head. */
    private static boolean hasHead(ReferenceCase referenceCase) throws IOException {
        return SafeTensors.readHeader(referenceCase.file(ReferenceCase.WEIGHTS_FILE)).tensors()
                .keySet().stream().anyMatch(name -> name.startsWith("clsdrop_"));
    }

    /**
     * The configuration the case describes: DropClass with its α and E (λ = e/E per epoch,
     * uniform sampling per batch, prediction from the drop branch), or the plain network.
     */
    private static ExperimentConfig configuration(ReferenceCase referenceCase, boolean head)
            throws IOException {
        List<String> overrides = new ArrayList<>();
        overrides.add("method.name=" + (head ? "dropclass" : "baseline"));
        referenceCase.step().ifPresent(step -> {
            overrides.add("dropclass.alpha=" + step.alpha());
            overrides.add("dropclass.end_epoch=" + step.endEpoch());
        });
        overrides.addAll(List.of("dropclass.schedule=epoch", "dropclass.sampling=uniform",
                "dropclass.per_image=false", "dropclass.inference_branch=drop", "runtime.seed=0",
                "train.on_nonfinite=stop"));
        return ConfigFiles.resolve(ExperimentConfig.defaults(), (Path) null, overrides);
    }

    /** Loads the weights strictly (only {@code num_batches_tracked} may be left over). */
    private static Optional<String> loadWeights(
            SegmentationNetwork network, ReferenceCase referenceCase, NDManager manager)
            throws IOException {
        Path file = referenceCase.file(ReferenceCase.WEIGHTS_FILE);
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> state = new LinkedHashMap<>(SafeTensors.read(file, scratch));
            state.keySet().removeIf(name -> name.endsWith(".num_batches_tracked"));
            StateDict.load(network.namedParameters(), state, true, manager);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(file + " does not fit " + referenceCase.model() + ": "
                    + e.getMessage());
        }
    }

    private static boolean wants(ReferenceCase referenceCase, ReferenceMode mode, String entry) {
        return referenceCase.tolerances(mode).containsKey(entry);
    }

    private static double[] classWeights(ReferenceStep step) {
        return step.classWeights().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] ones(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1);
        return w;
    }

    /** Copies what the reference saved, from the step's phases and from eval forwards. */
    private static final class Recorder implements TrainingStep.Probe {

        private final SegmentationNetwork network;
        private final Map<String, TensorData> entries = new LinkedHashMap<>();
        private final Map<String, Double> parts = new LinkedHashMap<>();

        Recorder(SegmentationNetwork network) {
            this.network = network;
        }

        @Override
        public void afterForward(Terms terms) {
            entries.put("loss", TensorData.of(terms.total()));
            copy(terms.outputs(), Terms.LOGITS, "logits");
            copy(terms.outputs(), DropClassLoss.DROP_LOGITS, "logits_drop");
            terms.parts().forEach((name, value) -> parts.put(name, Scalars.value(value)));
            network.namedParameters().forEach((name, p) -> {
                if (p.getType() == Parameter.Type.RUNNING_MEAN
                        || p.getType() == Parameter.Type.RUNNING_VAR) {
                    entries.put(AFTER + name, TensorData.of(p.getArray()));
                }
            });
        }

        @Override
        public void afterBackward() {
            network.namedParameters().forEach((name, p) -> {
                if (p.requiresGradient()) {
                    try (NDArray g = p.getArray().getGradient()) {
                        entries.put("grad." + name, TensorData.of(g));
                    }
                }
            });
        }

        private void copy(Map<String, NDArray> outputs, String key, String entry) {
            NDArray array = outputs.get(key);
            if (array != null) {
                entries.put(entry, TensorData.of(array));
            }
        }

        /** One eval forward of the case's images: logits, or logits upsampled to the input. */
        void evaluate(ParameterStore ps, CaseInputs inputs, ReferenceMode mode,
                NDManager manager, boolean upsampled) {
            try (NDManager scope = manager.newSubManager();
                    NDArray images = mode.format().images(inputs.images(), inputs.shape(), scope);
                    NDList out = network.forward(ps, new NDList(images), false)) {
                NDArray logits = out.singletonOrThrow(); // (B, K, h, w)
                if (upsampled) {
                    try (NDArray up = BilinearResize.resize(logits, inputs.height(),
                            inputs.width(), false, mode.format().channelsLast())) { // (B,K,H,W)
                        entries.put("eval_logits_upsampled", TensorData.of(up));
                    }
                } else {
                    entries.put("eval_logits", TensorData.of(logits));
                }
            }
        }
    }
}
