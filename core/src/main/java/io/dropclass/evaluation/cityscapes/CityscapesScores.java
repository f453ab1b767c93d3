package io.dropclass.evaluation.cityscapes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores of the official Cityscapes pixel-level evaluation, keyed and ordered as its result
 * JSON: every label id's name (ignored labels included, their scores NaN) and every category.
 * Undefined scores are NaN: an ignored label or a category without evaluated labels, a label
 * without instances (iIoU), or a class (category) with no true positive, false positive or false
 * negative. The averages skip NaN, and are NaN when nothing is left.
 *
 * @param classScores label name → IoU, the 34 label ids in id order
 * @param classInstScores label name → iIoU, same keys
 * @param categoryScores category → IoU, the 8 categories in the official order
 * @param categoryInstScores category → iIoU, same keys
 * @param averageScoreClasses mean class IoU
 * @param averageScoreInstClasses mean class iIoU
 * @param averageScoreCategories mean category IoU
 * @param averageScoreInstCategories mean category iIoU
 */
public record CityscapesScores(
        Map<String, Double> classScores,
        Map<String, Double> classInstScores,
        Map<String, Double> categoryScores,
        Map<String, Double> categoryInstScores,
        double averageScoreClasses,
        double averageScoreInstClasses,
        double averageScoreCategories,
        double averageScoreInstCategories) {

    /** Copies the maps, keeping their order. */
    public CityscapesScores {
        classScores = copy(classScores);
        classInstScores = copy(classInstScores);
        categoryScores = copy(categoryScores);
        categoryInstScores = copy(categoryInstScores);
    }

    private static Map<String, Double> copy(Map<String, Double> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The official average: the mean of the values that are not NaN, in iteration order.
     *
     * @param scores the scores
     * @return the mean, NaN when every value is NaN
     */
    public static double average(Map<String, Double> scores) {
        int valid = 0;
        double sum = 0.0;
        for (double s : scores.values()) {
            if (!Double.isNaN(s)) {
                valid++;
                sum += s;
            }
        }
        return valid == 0 ? Double.NaN : sum / valid;
    }
}
