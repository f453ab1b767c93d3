package io.dropclass.data.camvid;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.util.ArrayList;
import java.util.List;

/** The 11 CamVid classes of the SegNet version, with the SegNet tutorial's colours. */
public final class CamVidClasses {

    /** The raw label value of unlabelled pixels, mapped to 255. */
    public static final int UNLABELLED = 11;

    /** The class names, by train id (= raw label value). */
    private static final List<String> NAMES =
            List.of(
                    "Sky",
                    "Building",
                    "Pole",
                    "Road",
                    "Pavement",
                    "Tree",
                    "SignSymbol",
                    "Fence",
                    "Car",
                    "Pedestrian",
                    "Bicyclist");

    /** The SegNet tutorial's colours (0xRRGGBB), by train id. */
    private static final int[] COLOURS = {
        0x808080, 0x800000, 0xC0C080, 0x804080, 0x3C28DE, 0x808000, 0xC08080, 0x404080, 0x400080,
        0x404000, 0x0080C0
    };

    private CamVidClasses() {}

    /**
     * The CamVid catalog (train id = raw label value 0..10), no fixed weights.
     *
     * @return 11 classes
     */
    public static ClassCatalog catalog() {
        List<ClassInfo> classes = new ArrayList<>();
        for (int id = 0; id < NAMES.size(); id++) {
            classes.add(new ClassInfo(id, NAMES.get(id), id, COLOURS[id]));
        }
        return ClassCatalog.of("camvid", List.copyOf(classes));
    }
}
