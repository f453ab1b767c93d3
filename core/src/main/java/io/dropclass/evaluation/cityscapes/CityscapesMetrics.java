package io.dropclass.evaluation.cityscapes;

import io.dropclass.data.cityscapes.CityscapesLabel;
import io.dropclass.data.cityscapes.CityscapesLabels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the official Cityscapes pixel-level counts ({@link CityscapesCounts}) image by image,
 * in label ids, as {@code evalPixelLevelSemanticLabeling.py}'s {@code evaluatePair} does:
 *
 * <ul>
 *   <li>every pixel goes into the 34×34 label-id confusion matrix;
 *   <li>every ground-truth instance (instance id above 1000, label = id / 1000) of a label that is
 *       not ignored in evaluation adds its pixels predicted as its label to TP and the rest to FN,
 *       and both times {@code average instance size of the label / instance size} to the weighted
 *       sums; for human and vehicle, pixels predicted as any label of the category count as the
 *       category's TP. Instances are visited in increasing id within an image, so the weighted sums
 *       are added in the official order when images come in the official order.
 * </ul>
 *
 * <p>Not thread-safe: one accumulator per evaluation.
 */
public final class CityscapesMetrics {

    private static final int N = CityscapesLabels.LABEL_IDS;

    private final long[] confusion = new long[N * N];
    private final Map<String, InstanceCounts> classes = new LinkedHashMap<>();
    private final Map<String, InstanceCounts> categories = new LinkedHashMap<>();

    /** Per label id: the label's instance category's ids as a membership table, or null. */
    private final boolean[][] categoryMembers = new boolean[N][];

    /** An accumulator of nothing yet. */
    public CityscapesMetrics() {
        CityscapesCounts.instanceClasses().forEach(c -> classes.put(c, InstanceCounts.ZERO));
        for (String category : CityscapesCounts.instanceCategories()) {
            categories.put(category, InstanceCounts.ZERO);
            boolean[] members = new boolean[N];
            List<Integer> ids = CityscapesCounts.instanceCategoryLabelIds(category);
            ids.forEach(id -> members[id] = true);
            ids.forEach(id -> categoryMembers[id] = members);
        }
    }

    /**
     * Adds one image.
     *
     * @param groundTruth label ids, {@code height * width} unsigned bytes, each 0..33
     * @param instanceIds instance ids of the same pixels ({@code *_gtFine_instanceIds.png})
     * @param prediction predicted label ids, each 0..33
     * @throws IllegalArgumentException if the lengths differ, a value is not a label id, or an
     *     instance id names a label that is unknown or has no instances; nothing is added then
     */
    public void add(byte[] groundTruth, int[] instanceIds, byte[] prediction) {
        if (groundTruth.length != prediction.length || instanceIds.length != prediction.length) {
            throw new IllegalArgumentException("ground truth, instance ids and prediction differ"
                    + " in size: " + groundTruth.length + ", " + instanceIds.length + ", "
                    + prediction.length + " pixels");
        }
        long[] local = new long[N * N];
        // per instance id: {size, pixels predicted as its label, ... as its category}
        Map<Integer, long[]> instances = new HashMap<>();
        int lastId = -1;
        long[] last = null;
        for (int i = 0; i < groundTruth.length; i++) {
            int t = Byte.toUnsignedInt(groundTruth[i]);
            int p = Byte.toUnsignedInt(prediction[i]);
            requireLabelId(i, "ground truth", t);
            requireLabelId(i, "prediction", p);
            local[t * N + p]++;
            int id = instanceIds[i];
            if (id <= 1000) {
                continue;
            }
            if (id != lastId) {
                last = instances.get(id);
                if (last == null) {
                    CityscapesLabel label = instanceLabel(i, id);
                    // an ignored label's instance is skipped, as the official script skips it
                    last = label.ignoreInEval() ? new long[0] : new long[3];
                    instances.put(id, last);
                }
                lastId = id;
            }
            if (last.length == 0) {
                continue;
            }
            int labelId = id / 1000;
            last[0]++;
            if (p == labelId) {
                last[1]++;
            }
            boolean[] members = categoryMembers[labelId];
            if (members != null && members[p]) {
                last[2]++;
            }
        }
        for (int c = 0; c < local.length; c++) {
            confusion[c] += local[c];
        }
        addInstances(instances);
    }

    private static void requireLabelId(int pixel, String what, int value) {
        if (value >= N) {
            throw new IllegalArgumentException("pixel " + pixel + ": " + what + " " + value
                    + " is not a Cityscapes label id (0.." + (N - 1) + ")");
        }
    }

    /**
     * Adds each instance's weighted TP and FN, in instance-id order: {size, pixels predicted as
     * its label, ... as its category} per id; an empty entry is an ignored label's instance.
     */
    private void addInstances(Map<Integer, long[]> instances) {
        instances.keySet().stream().sorted().forEach(id -> {
            long[] s = instances.get(id);
            if (s.length == 0) {
                return;
            }
            CityscapesLabel label = CityscapesLabels.byId(id / 1000);
            double weight =
                    CityscapesLabels.AVERAGE_INSTANCE_SIZE.get(label.name()) / (double) s[0];
            classes.compute(label.name(), (k, v) -> v.plus(s[1], s[0] - s[1], weight));
            if (categories.containsKey(label.category())) {
                categories.compute(label.category(), (k, v) -> v.plus(s[2], s[0] - s[2], weight));
            }
        });
    }

    private static CityscapesLabel instanceLabel(int pixel, int instanceId) {
        int labelId = instanceId / 1000;
        if (labelId >= N) {
            throw new IllegalArgumentException("pixel " + pixel + ": instance id " + instanceId
                    + " names label " + labelId + ", which is not a Cityscapes label id");
        }
        CityscapesLabel label = CityscapesLabels.byId(labelId);
        if (!label.ignoreInEval() && !label.hasInstances()) {
            throw new IllegalArgumentException("pixel " + pixel + ": instance id " + instanceId
                    + " names label " + labelId + " (" + label.name()
                    + "), which has no instances");
        }
        return label;
    }

    /**
     * The counts so far.
     *
     * @return a snapshot
     */
    public CityscapesCounts counts() {
        long[][] matrix = new long[N][];
        for (int t = 0; t < N; t++) {
            matrix[t] = Arrays.copyOfRange(confusion, t * N, (t + 1) * N);
        }
        return new CityscapesCounts(matrix, classes, categories);
    }
}
