package io.dropclass.data.cityscapes;

import java.nio.file.Path;

/**
 * The ground-truth files the official pixel-level evaluation reads for one frame: {@code
 * <frame>_gtFine_labelIds.png} (label ids) and {@code <frame>_gtFine_instanceIds.png} (instance
 * ids), in the folder of the frame's mask.
 *
 * @param labelIds the label-id image
 * @param instanceIds the instance-id image
 */
public record CityscapesGroundTruth(Path labelIds, Path instanceIds) {

    /** The suffix of instance-id images. */
    public static final String INSTANCE_IDS_SUFFIX = "_gtFine_instanceIds.png";

    /**
     * The official files of the frame a mask belongs to.
     *
     * @param mask a {@code *_gtFine_labelIds.png} or {@code *_gtFine_labelTrainIds.png} mask
     * @return the files next to it, or null if the mask is named neither way
     */
    public static CityscapesGroundTruth of(Path mask) {
        String name = mask.getFileName().toString();
        String base;
        if (name.endsWith(CityscapesMasks.LABEL_IDS_SUFFIX)) {
            base = name.substring(0, name.length() - CityscapesMasks.LABEL_IDS_SUFFIX.length());
        } else if (name.endsWith(CityscapesMasks.TRAIN_IDS_SUFFIX)) {
            base = name.substring(0, name.length() - CityscapesMasks.TRAIN_IDS_SUFFIX.length());
        } else {
            return null;
        }
        return new CityscapesGroundTruth(
                mask.resolveSibling(base + CityscapesMasks.LABEL_IDS_SUFFIX),
                mask.resolveSibling(base + INSTANCE_IDS_SUFFIX));
    }
}
