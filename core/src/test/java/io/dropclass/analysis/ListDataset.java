package io.dropclass.analysis;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import java.util.List;

/** An in-memory dataset of label maps (black images) for tests. */
record ListDataset(ClassCatalog classes, List<SegmentationSample> samples)
        implements SegmentationDataset {

    /** Four classes a, b, c, d; d never occurs in {@link #twoImages()}. */
    static final ClassCatalog CATALOG =
            ClassCatalog.of(
                    "toy",
                    List.of(
                            new ClassInfo(0, "a", 0, 0xFF0000),
                            new ClassInfo(1, "b", 1, 0x00FF00),
                            new ClassInfo(2, "c", 2, 0x0000FF),
                            new ClassInfo(3, "d", 3, 0xFFFF00)));

    /**
     * The hand-checked dataset: image 0 (2×2) = a a a b, image 1 (2×3) = a a c c ignore ignore.
     *
     * <p>pixels a 5, b 1, c 2, d 0 (N = 8); images a 2, b 1, c 1, d 0; labelled pixels of the
     * images containing the class a 8, b 4, c 4; ignored 2.
     */
    static ListDataset twoImages() {
        return new ListDataset(
                CATALOG, List.of(sample(2, 2, 0, 0, 0, 1), sample(2, 3, 0, 0, 2, 2, 255, 255)));
    }

    static SegmentationSample sample(int height, int width, int... labels) {
        byte[] label = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            label[i] = (byte) labels[i];
        }
        return new SegmentationSample(height, width, new float[3 * height * width], label);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public SegmentationSample get(int index) {
        return samples.get(index);
    }

    @Override
    public String fingerprint() {
        return "list:" + samples.size();
    }
}
