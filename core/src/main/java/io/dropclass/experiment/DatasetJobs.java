package io.dropclass.experiment;

import io.dropclass.analysis.ClassCount;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ConfigFiles;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.image.RgbImage;
import io.dropclass.evaluation.ConfusionMatrix;
import io.dropclass.evaluation.SegmentationEvaluator;
import io.dropclass.report.image.PredictionFormat;
import io.dropclass.scale.PartitionedJob;
import io.dropclass.scale.WorkerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dataset-scale use cases as {@link PartitionedJob}s: evaluation (confusion counts), class
 * statistics (class counts) and prediction (masks written). Each carries its configuration as JSON
 * and its files as paths, so it travels to any worker; a worker loads the network and opens the
 * split once and shares them between the ranges it computes.
 */
final class DatasetJobs {

    private DatasetJobs() {}

    /** A split of a dataset, opened once per worker. */
    record OpenSplit(SegmentationDataset dataset) implements AutoCloseable {
        @Override
        public void close() {
            // nothing to release: samples are read on demand
        }
    }

    private static OpenSplit openSplit(WorkerContext worker, String configJson, String split)
            throws IOException {
        return worker.shared("split|" + split + "|" + configJson, OpenSplit.class,
                () -> new OpenSplit(Datasets.split(ConfigFiles.fromJson(configJson), split,
                        w -> { })));
    }

    private static LoadedModel model(WorkerContext worker, String configJson, String checkpoint)
            throws IOException {
        return worker.shared("model|" + checkpoint + "|" + worker.device().orElse("default")
                + "|" + configJson, LoadedModel.class,
                () -> LoadedModel.load(configJson, checkpoint, worker.device()));
    }

    /**
     * The confusion counts of a checkpoint on a split, range by range in chunks of the
     * evaluation batch size (so that the batches are those of one whole pass).
     *
     * @param configJson the configuration
     * @param checkpoint the weights
     * @param split the split's name
     * @param size its number of samples
     * @param numClasses K
     * @param batchSize {@code evaluation.batch_size}
     */
    record Evaluation(String configJson, String checkpoint, String split, int size,
            int numClasses, int batchSize) implements PartitionedJob<long[][]> {

        @Override
        public int alignment() {
            return batchSize;
        }

        @Override
        public long[][] compute(int from, int to, WorkerContext worker) throws IOException {
            SegmentationDataset dataset = openSplit(worker, configJson, split).dataset();
            LoadedModel model = model(worker, configJson, checkpoint);
            ConfusionMatrix matrix = new ConfusionMatrix(numClasses);
            for (int start = from; start < to; start += batchSize) {
                // samples are read outside the network's turn; the forward takes its turn
                model.evaluate(SegmentationEvaluator.chunk(dataset, start,
                        Math.min(to, start + batchSize)), matrix);
            }
            return matrix.counts();
        }

        @Override
        public long[][] empty() {
            return new long[numClasses][numClasses];
        }

        @Override
        public long[][] combine(long[][] a, long[][] b) {
            ConfusionMatrix sum = ConfusionMatrix.of(a);
            sum.merge(ConfusionMatrix.of(b));
            return sum.counts();
        }
    }

    /**
     * The class statistics of a split.
     *
     * @param configJson the configuration
     * @param split the split's name
     * @param size its number of samples
     * @param classNames the names of its classes, in train-id order
     */
    record Statistics(String configJson, String split, int size, List<String> classNames)
            implements PartitionedJob<ClassStatistics> {

        Statistics {
            classNames = List.copyOf(classNames);
        }

        @Override
        public int alignment() {
            return 1;
        }

        @Override
        public ClassStatistics compute(int from, int to, WorkerContext worker) throws IOException {
            SegmentationDataset dataset = openSplit(worker, configJson, split).dataset();
            return ClassStatistics.computeRange(dataset, from, to);
        }

        @Override
        public ClassStatistics empty() {
            List<ClassCount> none = new ArrayList<>();
            for (int c = 0; c < classNames.size(); c++) {
                none.add(new ClassCount(c, classNames.get(c), 0, Double.NaN, 0, 0));
            }
            return new ClassStatistics(none, 0, 0);
        }

        @Override
        public ClassStatistics combine(ClassStatistics a, ClassStatistics b) {
            return a.plus(b);
        }
    }

    /**
     * Prediction of images: per image, one file per format in the output folder (see
     * {@link PredictionFormat}).
     *
     * @param configJson the configuration
     * @param checkpoint the weights
     * @param images the image files (checked readable before the job starts)
     * @param output the output folder (created)
     * @param formats what to write per image
     */
    record Prediction(String configJson, String checkpoint, List<String> images, String output,
            List<PredictionFormat> formats) implements PartitionedJob<Integer> {

        Prediction {
            images = List.copyOf(images);
            formats = List.copyOf(formats);
        }

        @Override
        public int size() {
            return images.size();
        }

        @Override
        public int alignment() {
            return 1;
        }

        @Override
        public Integer compute(int from, int to, WorkerContext worker) throws IOException {
            LoadedModel model = model(worker, configJson, checkpoint);
            ClassCatalog classes = model.classes();
            Path folder = Path.of(output);
            Files.createDirectories(folder);
            for (String name : images.subList(from, to)) {
                Path file = Path.of(name);
                RgbImage image = Inference.readInput(file);
                byte[] mask = model.predict(image);
                for (PredictionFormat format : formats) {
                    format.write(format.target(folder, file), image, mask, classes);
                }
            }
            return to - from;
        }

        @Override
        public Integer empty() {
            return 0;
        }

        @Override
        public Integer combine(Integer a, Integer b) {
            return a + b;
        }
    }
}
