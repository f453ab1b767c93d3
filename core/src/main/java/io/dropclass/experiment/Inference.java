package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.analysis.ClassStatisticsTable;
import io.dropclass.analysis.network.CamTarget;
import io.dropclass.analysis.network.GradCam;
import io.dropclass.analysis.network.GradCamRequest;
import io.dropclass.analysis.network.GradCamResult;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.RgbImage;
import io.dropclass.evaluation.ConfusionMatrix;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.cityscapes.CityscapesFrames;
import io.dropclass.evaluation.cityscapes.CityscapesResultsJson;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.Export;
import io.dropclass.model.weights.ExportFormat;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.StateDict;
import io.dropclass.report.chart.ClassShareChart;
import io.dropclass.report.image.HeatMaps;
import io.dropclass.report.image.PredictionFormat;
import io.dropclass.scale.PartitionExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Uses of a trained checkpoint, and dataset statistics: evaluate, predict, stats. */
public final class Inference {

    /**
     * An evaluation written to disk.
     *
     * @param evaluation the result
     * @param rareClasses classes under 1 % of the training pixels
     * @param metricsFile where metrics.json was written
     * @param cityscapesFile where cityscapes_results.json was written, when the split is a
     *     Cityscapes split with the official ground truth ({@code evaluation.cityscapes()} holds
     *     the counts then)
     * @param warnings one line per kind of skipped sample
     */
    public record Evaluated(
            SegmentationEvaluation evaluation,
            Set<Integer> rareClasses,
            Path metricsFile,
            Optional<Path> cityscapesFile,
            List<String> warnings) {}

    /**
     * Statistics written to disk.
     *
     * @param table the console table
     * @param file where class_stats.json was written
     * @param chart where the bar chart PNG was written
     * @param warnings one line per kind of skipped sample
     */
    public record Statistics(String table, Path file, Path chart, List<String> warnings) {}

    /**
     * A Grad-CAM written.
     *
     * @param file the image | heat map PNG
     * @param summary one line: the class, the target and its pixel count
     */
    public record Cam(Path file, String summary) {}

    private Inference() {}

    /**
     * The configuration a checkpoint was trained with: {@code config.json} of its run directory
     * ({@code RUN/checkpoints/x.safetensors}), or the defaults if it is not in a run directory.
     *
     * @param checkpoint the checkpoint
     * @return the configuration
     * @throws IOException if the checkpoint is missing or its run's config is unreadable
     */
    public static ExperimentConfig runConfig(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new IOException("checkpoint " + checkpoint
                    + ": no such file; check the path given to --checkpoint");
        }
        try {
            SafeTensors.readHeader(checkpoint); // a corrupt file fails here, before any output
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + e.getMessage()
                    + "; use a checkpoint written by dropclass train"
                    + " (RUN/checkpoints/last.safetensors)", e);
        }
        Path runConfig = runDirectory(checkpoint).resolve("config.json");
        return Files.isRegularFile(runConfig)
                ? ConfigFiles.resolve(ExperimentConfig.defaults(), runConfig, List.of())
                : ExperimentConfig.defaults();
    }

    /** Where {@code evaluate} writes by default: {@code RUN/evaluate-<checkpoint name>}. */
    public static Path defaultOutput(Path checkpoint) {
        String name = checkpoint.getFileName().toString().replaceFirst("\\.safetensors$", "");
        return runDirectory(checkpoint).resolve("evaluate-" + name);
    }

    private static Path runDirectory(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().getParent();
        return parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")
                ? parent.getParent()
                : parent;
    }

    /**
     * Evaluates a checkpoint on the configured validation split and writes metrics.json; on a
     * Cityscapes split with the official ground truth also the official pixel-level evaluation,
     * as {@code cityscapes_results.json} beside it.
     *
     * @param config the configuration (model, data)
     * @param checkpoint the weights
     * @param output the folder of metrics.json
     * @param executor evaluates the images: in this process, or spread over workers (the counts
     *     are the same)
     * @return the evaluation
     * @throws IOException if the checkpoint cannot be read or the output written
     */
    public static Evaluated evaluate(ExperimentConfig config, Path checkpoint, Path output,
            PartitionExecutor executor) throws IOException {
        List<String> warnings = new ArrayList<>();
        SegmentationDataset val = Datasets.validation(config, warnings::add);
        Optional<CityscapesFrames> frames = CityscapesOfficial.frames(config, val, warnings::add);
        SegmentationEvaluation evaluation = frames.isPresent()
                ? officialCityscapes(config, checkpoint, val, frames) // per image, in this JVM
                : SegmentationEvaluation.of(ConfusionMatrix.of(executor.run(
                        new DatasetJobs.Evaluation(ConfigFiles.toJson(config),
                                checkpoint.toAbsolutePath().toString(),
                                config.data().valSplit(), val.size(), val.classes().size(),
                                config.evaluation().batchSize()))), val.classes());
        Path file = output.resolve("metrics.json");
        EvaluationJson.write(file, evaluation);
        Optional<Path> official = Optional.empty();
        if (evaluation.cityscapes() != null) {
            official = Optional.of(output.resolve(CityscapesResultsJson.FILE_NAME));
            CityscapesResultsJson.write(official.get(), evaluation.cityscapes());
        }
        Set<Integer> rare = rareClasses(config, checkpoint);
        return new Evaluated(evaluation, rare, file, official, warnings);
    }

    /**
     * The evaluation of a Cityscapes split with the official ground truth: the instance-weighted
     * counts need every image's prediction next to its instance ids, so this one runs in this JVM
     * whatever the executor.
     */
    private static SegmentationEvaluation officialCityscapes(ExperimentConfig config,
            Path checkpoint, SegmentationDataset val, Optional<CityscapesFrames> frames)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = load(config, checkpoint, val.classes(), manager);
            return CityscapesOfficial.evaluate(
                    new SegmentationPredictor(network, ImageNormalization.IMAGENET), val,
                    config.evaluation().batchSize(), manager,
                    Augmentations.evaluation(config.evaluation()), frames);
        }
    }

    /**
     * Predictions written to disk.
     *
     * @param written the files written, in input order (one per input and format)
     * @param warnings one line per problem that did not stop the run
     */
    public record Predicted(List<Path> written, List<String> warnings) {}

    /**
     * Predicts images and writes each prediction in each format (see {@link PredictionFormat});
     * see {@link Predictions}.
     *
     * @param config the configuration (model)
     * @param checkpoint the weights
     * @param inputs image files or folders of images
     * @param output the output folder
     * @param formats what to write per image
     * @param executor predicts the images: in this process, or spread over workers
     * @return the files written and the warnings
     * @throws IOException if an input or the checkpoint cannot be read, or the output written
     * @throws IllegalArgumentException if the formats do not fit the checkpoint or the inputs
     */
    public static Predicted predict(ExperimentConfig config, Path checkpoint, List<Path> inputs,
            Path output, List<PredictionFormat> formats, PartitionExecutor executor)
            throws IOException {
        boolean cityscapes = formats.contains(PredictionFormat.CITYSCAPES);
        List<Path> images = PredictionTargets.expand(inputs, cityscapes);
        ClassCatalog classes = Datasets.catalog(config);
        if (cityscapes) {
            PredictionFormat.requireCityscapes(classes);
        }
        PredictionTargets plan = PredictionTargets.of(images, output, formats);
        Files.createDirectories(output);
        executor.run(new DatasetJobs.Prediction(ConfigFiles.toJson(config),
                checkpoint.toAbsolutePath().toString(),
                plan.images().stream().map(f -> f.toAbsolutePath().toString()).toList(),
                output.toAbsolutePath().toString(), formats));
        List<Path> written = new ArrayList<>();
        for (Path file : plan.images()) {
            for (PredictionFormat format : formats) {
                written.add(format.target(output, file));
            }
        }
        List<String> warnings = new ArrayList<>();
        if (cityscapes) {
            plan.strayMatches(written).ifPresent(warnings::add);
        }
        return new Predicted(written, warnings);
    }

    /**
     * Counts the class statistics of a split, writes class_stats.json and formats the table.
     *
     * @param config the configuration (data)
     * @param split train, val or shift
     * @param output the folder of class_stats.json
     * @param executor counts the images: in this process, or spread over workers (the counts are
     *     the same)
     * @return the table and the file
     * @throws IOException if the output cannot be written
     */
    public static Statistics statistics(ExperimentConfig config, String split, Path output,
            PartitionExecutor executor) throws IOException {
        List<String> warnings = new ArrayList<>();
        SegmentationDataset dataset = Datasets.split(config, split, warnings::add);
        ClassStatistics stats = executor.run(new DatasetJobs.Statistics(
                ConfigFiles.toJson(config), split, dataset.size(),
                dataset.classes().classes().stream().map(c -> c.name()).toList()));
        Path file = output.resolve("class_stats.json");
        Datasets.writeStatistics(file, stats, config.data().dataset().key(), split);
        Path chart = output.resolve("class_stats.png");
        ImageFiles.writePng(chart, ClassShareChart.draw(stats, dataset.classes(),
                config.data().dataset().key() + " " + split));
        return new Statistics(ClassStatisticsTable.format(stats), file, chart, warnings);
    }

    /**
     * Grad-CAM of one class on one image: writes {@code <image>_cam_<class>.png} (image | heat map)
     * into the output folder.
     *
     * @param config the configuration of the checkpoint's run
     * @param checkpoint the weights
     * @param imageFile the image
     * @param className a class name or train id
     * @param maskFile a label PNG (train ids) for a ground-truth target, or null for the
     *     predicted mask
     * @param output the folder
     * @return the written file and a one-line summary
     * @throws IOException if a file cannot be read or written
     */
    public static Cam cam(
            ExperimentConfig config,
            Path checkpoint,
            Path imageFile,
            String className,
            Path maskFile,
            Path output)
            throws IOException {
        ClassCatalog classes = Datasets.catalog(config);
        int c = classId(classes, className);
        RgbImage image = readInput(imageFile);
        byte[] labels = null;
        if (maskFile != null) {
            var mask = ImageFiles.readLabels(maskFile);
            if (mask.height() != image.height() || mask.width() != image.width()) {
                throw new IOException("mask " + maskFile + ": " + mask.height() + "x" + mask.width()
                        + " does not match the image's " + image.height() + "x" + image.width()
                        + "; give the mask that belongs to this image");
            }
            labels = mask.labels();
        }
        float[] normalised = new float[image.planar().length];
        ImageNormalization.IMAGENET.normalise(image.planar(), normalised, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = load(config, checkpoint, classes, manager);
            GradCamResult result = GradCam.compute(network, manager,
                    new GradCamRequest(normalised, image.height(), image.width(), c,
                            labels == null ? CamTarget.PREDICTED : CamTarget.GROUND_TRUTH,
                            labels));
            String stem = imageFile.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            Path file = output.resolve(stem + "_cam_" + classes.get(c).name().replace(' ', '_')
                    + ".png");
            ImageFiles.writePng(file, HeatMaps.panels(image.planar(), List.of(result.heatMap()),
                    image.height(), image.width(), 0.5));
            return new Cam(file, String.format(java.util.Locale.ROOT,
                    "Grad-CAM of class %s, %s target, %d pixels%s", classes.get(c).name(),
                    labels == null ? "predicted" : "ground-truth", result.targetPixels(),
                    result.empty() ? " (empty target: the map is all zero)" : ""));
        }
    }

    private static int classId(ClassCatalog classes, String name) {
        for (int c = 0; c < classes.size(); c++) {
            if (classes.get(c).name().equalsIgnoreCase(name.replace('_', ' '))
                    || Integer.toString(c).equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--class: no class '" + name + "' in "
                + classes.name() + "; use a name or a train id 0.." + (classes.size() - 1));
    }

    /**
     * Writes a trained checkpoint under a reference naming scheme, for PyTorch users.
     *
     * @param config the configuration the checkpoint was trained with
     * @param checkpoint the weights
     * @param output the safetensors file to write
     * @param format official (HRNet/DropClass names) or torchvision (DeepLabV3, without the
     *     DropClass head)
     * @return a one-line summary
     * @throws IOException if reading or writing fails
     */
    public static String export(
            ExperimentConfig config, Path checkpoint, Path output, ExportFormat format)
            throws IOException {
        ClassCatalog classes = Datasets.catalog(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNetwork network = load(config, checkpoint, classes, manager);
            return Export.write(network, output, format).summary();
        }
    }

    /**
     * The rare classes (under 1 % of the training pixels) of the run a checkpoint belongs to: from
     * its {@code class_stats.json}, else counted on the training split.
     */
    private static Set<Integer> rareClasses(ExperimentConfig config, Path checkpoint)
            throws IOException {
        Path stats = runDirectory(checkpoint).resolve("class_stats.json");
        if (Files.isRegularFile(stats)) {
            return rareClassesOf(stats);
        }
        return Datasets.rareClasses(ClassStatistics.compute(Datasets.train(config, w -> { }),
                config.runtime().loaderThreads()));
    }

    /** Classes under 1 % of the pixels in a {@code class_stats.json}. */
    static Set<Integer> rareClassesOf(Path stats) throws IOException {
        return Grids.rareClassesOf(new ObjectMapper().readTree(stats.toFile()));
    }

    static SegmentationNetwork load(
            ExperimentConfig config, Path checkpoint, ClassCatalog classes, NDManager manager)
            throws IOException {
        SegmentationNetwork network = Networks.create(config, classes.size());
        network.initializeParameters(manager, config.runtime().seed(), Networks.format(config));
        try {
            StateDict.load(network, checkpoint, true, manager);
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage().startsWith(checkpoint + ": ")
                    ? e.getMessage() : checkpoint + ": " + e.getMessage();
            throw new IOException("checkpoint " + problem + "; check that the checkpoint was"
                    + " trained with this configuration (its run's config.json)", e);
        }
        return network;
    }

    /** An input image; an unreadable one is a one-line error naming it and the fix. */
    static RgbImage readInput(Path file) throws IOException {
        try {
            return ImageFiles.read(file);
        } catch (IOException e) {
            throw new IOException("input " + e.getMessage()
                    + "; re-convert it (PNG, JPEG or BMP) or leave it out", e);
        }
    }
}
