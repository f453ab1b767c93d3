package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training step optimises: runs the training-mode forward of the network on a batch and
 * returns the loss terms. The baseline is plain (class-weighted) cross-entropy; DropClass adds its
 * drop branch and terms here.
 */
public interface TrainingObjective {

    /**
     * The loss of one batch, within an open gradient collector.
     *
     * @param ps the parameter store of the network
     * @param images (B, 3, H, W) normalised images, owned by the step's manager
     * @param batch the host batch (labels, iteration)
     * @param epoch the epoch of the batch (0-based)
     * @return the total to back-propagate and its named, weighted parts
     */
    Terms loss(ParameterStore ps, NDArray images, TrainingBatch batch, int epoch);

    /**
     * Loss terms.
     *
     * @param total the scalar to back-propagate
     * @param parts named scalar parts (already weighted as in the total), for logging
     * @param diagnostics per-step figures that are not losses (DropClass: the dropped class,
     *     whether it was dropped, λ), for the history
     * @param outputs the forward's outputs the loss was computed from, by name ({@link #LOGITS},
     *     and DropClass's {@code logits_drop}), for a {@link TrainingStep.Probe}; not owned
     */
    record Terms(NDArray total, Map<String, NDArray> parts, Map<String, Double> diagnostics,
            Map<String, NDArray> outputs) {

        /** The plain branch's logits, (B, K, h, w). */
        public static final String LOGITS = "logits";

        /** Copies the maps, keeping their order (the order of the history's columns). */
        public Terms {
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
            diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        /**
         * Terms without diagnostics.
         *
         * @param total the scalar to back-propagate
         * @param parts named scalar parts
         * @param outputs the forward's outputs, by name
         */
        public Terms(NDArray total, Map<String, NDArray> parts, Map<String, NDArray> outputs) {
            this(total, parts, Map.of(), outputs);
        }

        /**
         * Terms without outputs or diagnostics.
         *
         * @param total the scalar to back-propagate
         * @param parts named scalar parts
         */
        public Terms(NDArray total, Map<String, NDArray> parts) {
            this(total, parts, Map.of(), Map.of());
        }
    }
}
