package io.dropclass.evaluation.cityscapes;

import io.dropclass.data.cityscapes.CityscapesGroundTruth;
import io.dropclass.data.cityscapes.CityscapesLabels;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.InstanceMap;
import io.dropclass.data.image.LabelMap;
import io.dropclass.data.validation.InvalidSampleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The official ground truth of the frames of an evaluated Cityscapes split, one per sample index,
 * and the official evaluation of train-id predictions against it: each prediction is mapped to
 * label ids (train id → the official label id) and counted with the frame's {@code
 * *_gtFine_labelIds.png} and {@code *_gtFine_instanceIds.png}, the files the official script reads.
 *
 * <p>Immutable; every {@link #start()} begins a new accumulation, so one instance serves every
 * validation of a training run.
 */
public final class CityscapesFrames {

    private final List<CityscapesGroundTruth> frames;

    /** Train id → official label id, for the 19 train ids. */
    private final byte[] labelIdOfTrainId = new byte[19];

    private CityscapesFrames(List<CityscapesGroundTruth> frames) {
        this.frames = List.copyOf(frames);
        for (int t = 0; t < labelIdOfTrainId.length; t++) {
            labelIdOfTrainId[t] = (byte) CityscapesLabels.labelIdOfTrainId(t);
        }
    }

    /**
     * The frames of some masks, when every frame has both official files.
     *
     * @param masks the mask of each sample, in sample order ({@code *_gtFine_labelIds.png} or
     *     {@code *_gtFine_labelTrainIds.png})
     * @return the frames, or why not: empty with a one-line reason
     */
    public static Availability of(List<Path> masks) {
        List<CityscapesGroundTruth> frames = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (Path mask : masks) {
            CityscapesGroundTruth gt = CityscapesGroundTruth.of(mask);
            if (gt == null) {
                missing.add(mask);
                continue;
            }
            if (!Files.isRegularFile(gt.labelIds())) {
                missing.add(gt.labelIds());
            }
            if (!Files.isRegularFile(gt.instanceIds())) {
                missing.add(gt.instanceIds());
            }
            frames.add(gt);
        }
        if (masks.isEmpty()) {
            return new Availability(Optional.empty(), "no frames");
        }
        if (!missing.isEmpty()) {
            return new Availability(Optional.empty(), missing.size() + " of the "
                    + (2 * masks.size()) + " official ground-truth files (*_gtFine_labelIds.png,"
                    + " *_gtFine_instanceIds.png) are missing, e.g. " + missing.get(0)
                    + "; they come with gtFine_trainvaltest.zip");
        }
        return new Availability(Optional.of(new CityscapesFrames(frames)), "");
    }

    /**
     * Whether the official evaluation can run, and why not.
     *
     * @param frames the frames, when it can
     * @param reason one line, when it cannot
     */
    public record Availability(Optional<CityscapesFrames> frames, String reason) {}

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /**
     * Begins an evaluation.
     *
     * @return an empty accumulation over these frames
     */
    public Evaluation start() {
        return new Evaluation();
    }

    /** One accumulation over the frames. Not thread-safe. */
    public final class Evaluation {

        private final CityscapesMetrics metrics = new CityscapesMetrics();

        private Evaluation() {}

        /**
         * Counts the prediction of one frame.
         *
         * @param index the sample index
         * @param trainIds the predicted train ids (0..18), row-major
         * @param height rows of the prediction
         * @param width columns of the prediction
         * @throws InvalidSampleException if a ground-truth file is unreadable, of another size or
         *     holds values that are no label or instance ids
         */
        public void add(int index, byte[] trainIds, int height, int width) {
            CityscapesGroundTruth gt = frames.get(index);
            LabelMap labels = read(gt.labelIds(), () -> ImageFiles.readLabels(gt.labelIds()));
            InstanceMap instances =
                    read(gt.instanceIds(), () -> ImageFiles.readInstanceIds(gt.instanceIds()));
            check(gt.labelIds(), labels.height(), labels.width(), height, width);
            check(gt.instanceIds(), instances.height(), instances.width(), height, width);
            byte[] labelIds = new byte[trainIds.length];
            for (int i = 0; i < trainIds.length; i++) {
                labelIds[i] = labelIdOfTrainId[trainIds[i]]; // predictions are 0..18
            }
            try {
                metrics.add(labels.labels(), instances.ids(), labelIds);
            } catch (IllegalArgumentException e) {
                throw new InvalidSampleException(gt.labelIds().getParent().resolve(
                        gt.labelIds().getFileName() + " / " + gt.instanceIds().getFileName())
                        + ": " + e.getMessage() + "; use the official gtFine files", e);
            }
        }

        /** The counts so far. */
        public CityscapesCounts counts() {
            return metrics.counts();
        }
    }

    private interface Read<T> {
        T run() throws IOException;
    }

    private static <T> T read(Path file, Read<T> read) {
        try {
            return read.run();
        } catch (IOException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith(file.toString())
                    ? e.getMessage() : file + ": " + e.getMessage();
            throw new InvalidSampleException(message
                    + "; restore it from gtFine_trainvaltest.zip", e);
        }
    }

    private static void check(Path file, int h, int w, int height, int width) {
        if (h != height || w != width) {
            throw new InvalidSampleException(file + ": " + w + "x" + h
                    + " does not match the image's " + width + "x" + height
                    + "; use the ground truth of this frame", null);
        }
    }
}
