package io.dropclass.data.cityscapes;

/**
 * One label of the official Cityscapes label table (cityscapesScripts' {@code helpers/labels.py}).
 *
 * @param name the official name, e.g. "car", "traffic light", "license plate"
 * @param id the label id of the {@code *_labelIds.png} files, 0..33 (-1: license plate, never in
 *     label images)
 * @param trainId the train id, 0..18, or 255 for labels not trained on (-1: license plate)
 * @param category the category name, e.g. "vehicle"
 * @param categoryId the category id, 0..7
 * @param hasInstances whether instances of the label are told apart in {@code *_instanceIds.png}
 * @param ignoreInEval whether pixels labelled with it are left out of the evaluation
 * @param rgb the official colour, 0xRRGGBB
 */
public record CityscapesLabel(
        String name,
        int id,
        int trainId,
        String category,
        int categoryId,
        boolean hasInstances,
        boolean ignoreInEval,
        int rgb) {}
