package io.dropclass.data.camvid;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.util.List;

/** The 11 CamVid classes of the SegNet version, with the SegNet tutorial's colours. */
public final class CamVidClasses {

    /** The raw label value of unlabelled pixels, mapped to 255. */
    public static final int UNLABELLED = 11;

    private CamVidClasses() {}

    /**
     * The CamVid catalog (train id = raw label value 0..10), no fixed weights.
     *
     * @return 11 classes
     */
    public static ClassCatalog catalog() {
        return ClassCatalog.of(
                "camvid",
                List.of(
                        new ClassInfo(0, "Sky", 0, 0x808080),
                        new ClassInfo(1, "Building", 1, 0x800000),
                        new ClassInfo(2, "Pole", 2, 0xC0C080),
                        new ClassInfo(3, "Road", 3, 0x804080),
                        new ClassInfo(4, "Pavement", 4, 0x3C28DE),
                        new ClassInfo(5, "Tree", 5, 0x808000),
                        new ClassInfo(6, "SignSymbol", 6, 0xC08080),
                        new ClassInfo(7, "Fence", 7, 0x404080),
                        new ClassInfo(8, "Car", 8, 0x400080),
                        new ClassInfo(9, "Pedestrian", 9, 0x404000),
                        new ClassInfo(10, "Bicyclist", 10, 0x0080C0)));
    }
}
