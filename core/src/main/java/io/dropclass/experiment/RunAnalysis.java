package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.analysis.ClassifierSimilarity;
import io.dropclass.analysis.network.CamTarget;
import io.dropclass.analysis.network.ClassifierWeights;
import io.dropclass.analysis.network.GradCam;
import io.dropclass.analysis.network.GradCamRequest;
import io.dropclass.analysis.network.GradCamResult;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.inference.EvaluationMode;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.report.image.HeatMaps;
import io.dropclass.report.image.MaskImages;
import io.dropclass.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The analysis files of a trained run, for the report: {@code analysis/similarity.json} (the
 * classifier's K×K cosine similarities, classes by pixel share), {@code analysis/predictions/*.png}
 * (image | truth | prediction for a few validation images) and {@code analysis/cam/*.png}
 * (Grad-CAM of the rarest classes present in the first validation image, ground-truth targets).
 */
final class RunAnalysis {

    private static final int PREDICTIONS = 3;
    private static final int CAM_CLASSES = 3;

    private RunAnalysis() {}

    static void write(
            Path analysis,
            SegmentationNetwork network,
            SegmentationDataset val,
            ClassStatistics stats,
            EvaluationMode mode,
            NDManager manager)
            throws IOException {
        ClassifierSimilarity sim = ClassifierSimilarity.of(ClassifierWeights.read(network), stats);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("classes", sim.names());
        doc.put("matrix", sim.cosine());
        doc.put("similarity", sim);
        ResultFiles.writeJson(analysis.resolve("similarity.json"), doc);
        SegmentationPredictor predictor =
                new SegmentationPredictor(network, ImageNormalization.IMAGENET);
        ClassCatalog classes = val.classes();
        for (int i = 0; i < Math.min(PREDICTIONS, val.size()); i++) {
            SegmentationSample s = val.get(i);
            byte[] prediction = predictor.predict(manager, s.image(), s.height(), s.width(), mode);
            ImageFiles.writePng(analysis.resolve("predictions/val-" + i + ".png"),
                    MaskImages.comparison(s, prediction, classes));
        }
        if (val.size() > 0) {
            writeCams(analysis.resolve("cam"), network, val.get(0), stats, classes, manager);
        }
    }

    /** Grad-CAM of the rarest classes present in the image's labels, one panel per class. */
    private static void writeCams(
            Path dir,
            SegmentationNetwork network,
            SegmentationSample sample,
            ClassStatistics stats,
            ClassCatalog classes,
            NDManager manager)
            throws IOException {
        boolean[] present = new boolean[classes.size()];
        for (int p = 0; p < sample.label().length; p++) {
            int y = sample.labelAt(p);
            if (y < present.length) {
                present[y] = true;
            }
        }
        List<Integer> rarest = IntStream.range(0, present.length).filter(c -> present[c]).boxed()
                .sorted(Comparator.comparingDouble(c -> stats.classes().get(c).share()))
                .limit(CAM_CLASSES).toList();
        float[] normalised = new float[sample.image().length];
        ImageNormalization.IMAGENET.normalise(sample.image(), normalised, 0);
        for (int c : rarest) {
            GradCamResult cam = GradCam.compute(network, manager, new GradCamRequest(normalised,
                    sample.height(), sample.width(), c, CamTarget.GROUND_TRUTH, sample.label()));
            List<float[]> heats = new ArrayList<>();
            heats.add(cam.heatMap());
            ImageFiles.writePng(dir.resolve("class-" + c + "-"
                            + classes.get(c).name().replace(' ', '_') + ".png"),
                    HeatMaps.panels(sample.image(), heats, sample.height(), sample.width(), 0.5));
        }
    }
}
