package io.dropclass.data;

import java.util.List;
import java.util.Optional;

/**
 * The classes of a dataset: names, palette, the ignore index and, where the dataset has them, fixed
 * class weights. Label value {@link #IGNORE_INDEX} is ignored everywhere: in the loss, the metrics
 * and the padding of masks.
 */
public final class ClassCatalog {

    /** The label value that the loss and the metrics skip. */
    public static final int IGNORE_INDEX = 255;

    /** Colour of ignored pixels in palette images (black). */
    public static final int IGNORE_RGB = 0x000000;

    private final String name;
    private final List<ClassInfo> classes;
    private final double[] fixedWeights;

    private ClassCatalog(String name, List<ClassInfo> classes, double[] fixedWeights) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).trainId() != i) {
                throw new IllegalArgumentException(
                        "class " + classes.get(i).name() + " has trainId "
                                + classes.get(i).trainId() + ", expected " + i);
            }
        }
        if (fixedWeights != null && fixedWeights.length != classes.size()) {
            throw new IllegalArgumentException(
                    "expected " + classes.size() + " weights, got " + fixedWeights.length);
        }
        this.name = name;
        this.classes = List.copyOf(classes);
        this.fixedWeights = fixedWeights == null ? null : fixedWeights.clone();
    }

    /**
     * A catalog of classes without fixed weights.
     *
     * @param name the label set's name
     * @param classes the classes in train-id order
     * @return the catalog
     */
    public static ClassCatalog of(String name, List<ClassInfo> classes) {
        return new ClassCatalog(name, classes, null);
    }

    /**
     * The 19 Cityscapes train classes with their label ids, colours and HRNet's fixed class weights
     * (docs/method.md §11, §12.2), which the official DropClass code applies in every cross-entropy
     * term.
     *
     * @return the Cityscapes catalog
     */
    public static ClassCatalog cityscapes() {
        List<ClassInfo> c =
                List.of(
                        new ClassInfo(0, "road", 7, 0x804080),
                        new ClassInfo(1, "sidewalk", 8, 0xF423E8),
                        new ClassInfo(2, "building", 11, 0x464646),
                        new ClassInfo(3, "wall", 12, 0x66669C),
                        new ClassInfo(4, "fence", 13, 0xBE9999),
                        new ClassInfo(5, "pole", 17, 0x999999),
                        new ClassInfo(6, "traffic light", 19, 0xFAAA1E),
                        new ClassInfo(7, "traffic sign", 20, 0xDCDC00),
                        new ClassInfo(8, "vegetation", 21, 0x6B8E23),
                        new ClassInfo(9, "terrain", 22, 0x98FB98),
                        new ClassInfo(10, "sky", 23, 0x4682B4),
                        new ClassInfo(11, "person", 24, 0xDC143C),
                        new ClassInfo(12, "rider", 25, 0xFF0000),
                        new ClassInfo(13, "car", 26, 0x00008E),
                        new ClassInfo(14, "truck", 27, 0x000046),
                        new ClassInfo(15, "bus", 28, 0x003C64),
                        new ClassInfo(16, "train", 31, 0x005064),
                        new ClassInfo(17, "motorcycle", 32, 0x0000E6),
                        new ClassInfo(18, "bicycle", 33, 0x770B20));
        double[] weights = {
            0.8373, 0.918, 0.866, 1.0345, 1.0166, 0.9969, 0.9754, 1.0489, 0.8786, 1.0023, 0.9539,
            0.9843, 1.1116, 0.9037, 1.0865, 1.0955, 1.0865, 1.1529, 1.0507
        };
        return new ClassCatalog("cityscapes", c, weights);
    }

    /**
     * Pixel shares (percent of non-ignored pixels) of the 19 classes in the Cityscapes fine
     * training labels, as commonly cited (docs/method.md §14.1); the synthetic benchmark is tuned
     * to them.
     *
     * @return 19 shares in train-id order, summing to 100
     */
    public static double[] cityscapesTrainSharesPercent() {
        return new double[] {
            36.9, 6.1, 22.8, 0.7, 0.9, 1.2, 0.2, 0.6, 15.9, 1.2,
            4.0, 1.2, 0.1, 7.0, 0.3, 0.2, 0.2, 0.1, 0.4
        };
    }

    /** The label set's name. */
    public String name() {
        return name;
    }

    /** The number of classes K. */
    public int size() {
        return classes.size();
    }

    /** The classes in train-id order. */
    public List<ClassInfo> classes() {
        return classes;
    }

    /**
     * The class with this train id.
     *
     * @param trainId 0..K-1
     * @return its description
     */
    public ClassInfo get(int trainId) {
        return classes.get(trainId);
    }

    /** The dataset's fixed class weights, if it defines some (Cityscapes: HRNet's). */
    public Optional<double[]> fixedWeights() {
        return Optional.ofNullable(fixedWeights).map(double[]::clone);
    }

    /**
     * The colour of a label value, the ignore index included.
     *
     * @param label a train id or {@link #IGNORE_INDEX}
     * @return 0xRRGGBB
     */
    public int colour(int label) {
        return label >= 0 && label < classes.size() ? classes.get(label).rgb() : IGNORE_RGB;
    }
}
