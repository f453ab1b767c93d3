package io.dropclass.data.cityscapes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The official Cityscapes labels (cityscapesScripts' {@code helpers/labels.py}): the 34 label ids
 * of the label images, their train ids, categories, which labels have instances and which are
 * ignored in evaluation, and the average instance sizes the official pixel-level evaluation weighs
 * instances with.
 *
 * <p>The table is restated here as data (no code of cityscapesScripts is used); {@code
 * CityscapesLabelsTest} checks it against the train classes of {@code ClassCatalog.cityscapes()}.
 */
public final class CityscapesLabels {

    /** The number of label ids in label images: 0..33. */
    public static final int LABEL_IDS = 34;

    /**
     * The official average instance size of each class with instances, in pixels of the
     * full-resolution (2048×1024) images ({@code args.avgClassSize} of
     * evalPixelLevelSemanticLabeling.py): instance-level scores weigh an instance's pixels by this
     * size over the instance's size.
     */
    public static final Map<String, Double> AVERAGE_INSTANCE_SIZE = Map.of(
            "bicycle", 4672.3249222261,
            "caravan", 36771.8241758242,
            "motorcycle", 6298.7200839748,
            "rider", 3930.4788056518,
            "bus", 35732.1511111111,
            "train", 67583.7075812274,
            "car", 12794.0202738185,
            "person", 3462.4756337644,
            "truck", 27855.1264367816,
            "trailer", 16926.9763313609);

    private static final List<CityscapesLabel> LABELS = List.of(
            new CityscapesLabel("unlabeled", 0, 255, "void", 0, false, true, 0x000000),
            new CityscapesLabel("ego vehicle", 1, 255, "void", 0, false, true, 0x000000),
            new CityscapesLabel("rectification border", 2, 255, "void", 0, false, true, 0x000000),
            new CityscapesLabel("out of roi", 3, 255, "void", 0, false, true, 0x000000),
            new CityscapesLabel("static", 4, 255, "void", 0, false, true, 0x000000),
            new CityscapesLabel("dynamic", 5, 255, "void", 0, false, true, 0x6F4A00),
            new CityscapesLabel("ground", 6, 255, "void", 0, false, true, 0x510051),
            new CityscapesLabel("road", 7, 0, "flat", 1, false, false, 0x804080),
            new CityscapesLabel("sidewalk", 8, 1, "flat", 1, false, false, 0xF423E8),
            new CityscapesLabel("parking", 9, 255, "flat", 1, false, true, 0xFAAAA0),
            new CityscapesLabel("rail track", 10, 255, "flat", 1, false, true, 0xE6968C),
            new CityscapesLabel("building", 11, 2, "construction", 2, false, false, 0x464646),
            new CityscapesLabel("wall", 12, 3, "construction", 2, false, false, 0x66669C),
            new CityscapesLabel("fence", 13, 4, "construction", 2, false, false, 0xBE9999),
            new CityscapesLabel("guard rail", 14, 255, "construction", 2, false, true, 0xB4A5B4),
            new CityscapesLabel("bridge", 15, 255, "construction", 2, false, true, 0x966464),
            new CityscapesLabel("tunnel", 16, 255, "construction", 2, false, true, 0x96785A),
            new CityscapesLabel("pole", 17, 5, "object", 3, false, false, 0x999999),
            new CityscapesLabel("polegroup", 18, 255, "object", 3, false, true, 0x999999),
            new CityscapesLabel("traffic light", 19, 6, "object", 3, false, false, 0xFAAA1E),
            new CityscapesLabel("traffic sign", 20, 7, "object", 3, false, false, 0xDCDC00),
            new CityscapesLabel("vegetation", 21, 8, "nature", 4, false, false, 0x6B8E23),
            new CityscapesLabel("terrain", 22, 9, "nature", 4, false, false, 0x98FB98),
            new CityscapesLabel("sky", 23, 10, "sky", 5, false, false, 0x4682B4),
            new CityscapesLabel("person", 24, 11, "human", 6, true, false, 0xDC143C),
            new CityscapesLabel("rider", 25, 12, "human", 6, true, false, 0xFF0000),
            new CityscapesLabel("car", 26, 13, "vehicle", 7, true, false, 0x00008E),
            new CityscapesLabel("truck", 27, 14, "vehicle", 7, true, false, 0x000046),
            new CityscapesLabel("bus", 28, 15, "vehicle", 7, true, false, 0x003C64),
            new CityscapesLabel("caravan", 29, 255, "vehicle", 7, true, true, 0x00005A),
            new CityscapesLabel("trailer", 30, 255, "vehicle", 7, true, true, 0x00006E),
            new CityscapesLabel("train", 31, 16, "vehicle", 7, true, false, 0x005064),
            new CityscapesLabel("motorcycle", 32, 17, "vehicle", 7, true, false, 0x0000E6),
            new CityscapesLabel("bicycle", 33, 18, "vehicle", 7, true, false, 0x770B20),
            new CityscapesLabel("license plate", -1, -1, "vehicle", 7, false, true, 0x00008E));

    private static final CityscapesLabel[] BY_ID = new CityscapesLabel[LABEL_IDS];
    private static final int[] LABEL_ID_OF_TRAIN_ID = new int[256];

    static {
        java.util.Arrays.fill(LABEL_ID_OF_TRAIN_ID, -1);
        for (CityscapesLabel l : LABELS) {
            if (l.id() >= 0) {
                BY_ID[l.id()] = l;
            }
            // the first label of a train id is its inverse (labels.py's trainId2label)
            if (l.trainId() >= 0 && LABEL_ID_OF_TRAIN_ID[l.trainId()] < 0) {
                LABEL_ID_OF_TRAIN_ID[l.trainId()] = l.id();
            }
        }
    }

    private CityscapesLabels() {}

    /** All 35 labels in the official order (license plate, id -1, last). */
    public static List<CityscapesLabel> all() {
        return LABELS;
    }

    /**
     * The label of a label id.
     *
     * @param id 0..33
     * @return the label
     * @throws IllegalArgumentException for any other id
     */
    public static CityscapesLabel byId(int id) {
        if (id < 0 || id >= LABEL_IDS) {
            throw new IllegalArgumentException("no Cityscapes label has id " + id
                    + " (label ids are 0.." + (LABEL_IDS - 1) + ")");
        }
        return BY_ID[id];
    }

    /**
     * The official label id of a train id, for writing predictions the official evaluation reads.
     *
     * @param trainId 0..18
     * @return the label id (7 for road, ..., 33 for bicycle)
     * @throws IllegalArgumentException for 255 (ignore is not a class) or any id without a class
     */
    public static int labelIdOfTrainId(int trainId) {
        if (trainId < 0 || trainId >= LABEL_ID_OF_TRAIN_ID.length
                || trainId == 255 || LABEL_ID_OF_TRAIN_ID[trainId] < 0) {
            throw new IllegalArgumentException("train id " + trainId
                    + " is not one of the 19 Cityscapes train classes (0..18)");
        }
        return LABEL_ID_OF_TRAIN_ID[trainId];
    }

    /**
     * The categories in the official order (first appearance in the table): void, flat,
     * construction, object, nature, sky, human, vehicle.
     *
     * @return 8 names
     */
    public static List<String> categories() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        LABELS.forEach(l -> names.add(l.category()));
        return List.copyOf(names);
    }

    /**
     * The labels of a category, in table order, license plate included for vehicle.
     *
     * @param category a category name
     * @return its labels
     */
    public static List<CityscapesLabel> ofCategory(String category) {
        List<CityscapesLabel> out = new ArrayList<>();
        for (CityscapesLabel l : LABELS) {
            if (l.category().equals(category)) {
                out.add(l);
            }
        }
        return out;
    }
}
