package io.dropclass.data.voc;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.util.ArrayList;
import java.util.List;

/** The 21 PASCAL VOC 2012 classes with the VOC palette (docs/method.md §12.3). */
public final class VocClasses {

    private static final List<String> NAMES =
            List.of(
                    "background",
                    "aeroplane",
                    "bicycle",
                    "bird",
                    "boat",
                    "bottle",
                    "bus",
                    "car",
                    "cat",
                    "chair",
                    "cow",
                    "diningtable",
                    "dog",
                    "horse",
                    "motorbike",
                    "person",
                    "pottedplant",
                    "sheep",
                    "sofa",
                    "train",
                    "tvmonitor");

    private VocClasses() {}

    /**
     * The VOC catalog: train id = palette index, no fixed weights.
     *
     * @return 21 classes named as in the VOC devkit
     */
    public static ClassCatalog catalog() {
        List<ClassInfo> classes = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            classes.add(new ClassInfo(i, NAMES.get(i), i, paletteColour(i)));
        }
        return ClassCatalog.of("voc", classes);
    }

    /**
     * The VOC palette colour of an index: bits 0, 3, 6 of the index go to R, bits 1, 4, 7 to G,
     * bits 2, 5 to B, each placed from bit 7 downwards (255 gives 224, 224, 192).
     *
     * @param index 0..255
     * @return 0xRRGGBB
     */
    public static int paletteColour(int index) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = index;
        for (int j = 7; j >= 0 && c > 0; j--) {
            r |= (c & 1) << j;
            g |= ((c >> 1) & 1) << j;
            b |= ((c >> 2) & 1) << j;
            c >>= 3;
        }
        return r << 16 | g << 8 | b;
    }
}
