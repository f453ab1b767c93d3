package io.dropclass.data.synthetic;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Measures the generator outside the test suite: generation time per sample on one thread,
 * per-class pixel shares against the Cityscapes targets and, optionally, a contact sheet of the
 * first 16 images above their label maps.
 *
 * <p>Run after {@code ./mvnw test-compile} with {@code java -cp target/classes:target/test-classes
 * io.dropclass.data.synthetic.StreetSceneBenchmark [n] [split] [seed] [height] [width] [pngDir]}.
 */
public final class StreetSceneBenchmark {

    private static final int SHEET_COLUMNS = 4;
    private static final int SHEET_ROWS = 4;
    private static final int WARM_UP = 300;

    private StreetSceneBenchmark() {}

    /**
     * Prints the time per sample and the share table.
     *
     * @param args n, split, seed, height, width, optional folder for the contact sheet
     * @throws IOException when the sheet cannot be written
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        SyntheticSplit split = SyntheticSplit.parse(args.length > 1 ? args[1] : "train");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        int height = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        StreetSceneGenerator generator = new StreetSceneGenerator(height, width);
        double[] ms = millisecondsPerSample(generator, split, seed, n);
        long[] counts = new long[SceneClass.COUNT + 1];
        int[] present = new int[SceneClass.COUNT];
        BufferedImage sheet =
                new BufferedImage(
                        SHEET_COLUMNS * width, SHEET_ROWS * 2 * height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++) {
            SegmentationSample s = generator.generate(seed, split, i);
            count(s, counts, present);
            if (i < SHEET_COLUMNS * SHEET_ROWS) {
                draw(s, sheet, (i % SHEET_COLUMNS) * width, (i / SHEET_COLUMNS) * 2 * height);
            }
        }
        print(counts, present, n);
        System.out.printf(
                Locale.ROOT,
                "%dx%d: %.3f ms CPU time per sample on one thread (%.3f ms wall clock)%n",
                height,
                width,
                ms[1],
                ms[0]);
        if (args.length > 5) {
            File file = new File(args[5], split.id() + "-sheet.png");
            file.getParentFile().mkdirs();
            ImageIO.write(sheet, "png", file);
        }
    }

    /**
     * Mean generation time after a JIT warm-up, on other indices than those measured: {wall clock,
     * CPU time of this thread}. CPU time is what one core spends; on a shared machine the wall
     * clock also counts time spent waiting for a core.
     */
    private static double[] millisecondsPerSample(
            StreetSceneGenerator generator, SyntheticSplit split, long seed, int n) {
        for (int i = 0; i < WARM_UP; i++) {
            generator.generate(seed + 1, split, i);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            generator.generate(seed + 2, split, i);
        }
        long wall = System.nanoTime() - start;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        return new double[] {wall / 1e6 / n, cpu / 1e6 / n};
    }

    /** Adds the sample's pixels to {@code counts} (ignored ones last) and marks present classes. */
    private static void count(SegmentationSample s, long[] counts, int[] present) {
        boolean[] seen = new boolean[SceneClass.COUNT];
        for (int p = 0; p < s.label().length; p++) {
            int label = s.labelAt(p);
            if (label == ClassCatalog.IGNORE_INDEX) {
                counts[SceneClass.COUNT]++;
            } else {
                counts[label]++;
                seen[label] = true;
            }
        }
        for (int k = 0; k < seen.length; k++) {
            present[k] += seen[k] ? 1 : 0;
        }
    }

    private static void print(long[] counts, int[] present, int n) {
        long total = 0;
        for (int k = 0; k < SceneClass.COUNT; k++) {
            total += counts[k];
        }
        double[] target = ClassCatalog.cityscapesTrainSharesPercent();
        ClassCatalog catalog = ClassCatalog.cityscapes();
        System.out.printf(
                "%-14s %8s %8s %7s %8s%n", "class", "measured", "target", "ratio", "in imgs");
        double worst = 1;
        for (int k = 0; k < SceneClass.COUNT; k++) {
            double share = 100.0 * counts[k] / total;
            double ratio = share / target[k];
            worst = Math.max(worst, Math.max(ratio, 1 / ratio));
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %8.3f %8.1f %7.2f %7.1f%%%n",
                    catalog.get(k).name(),
                    share,
                    target[k],
                    ratio,
                    100.0 * present[k] / n);
        }
        long ignored = counts[SceneClass.COUNT];
        System.out.printf(
                Locale.ROOT,
                "worst factor %.2f; ignored %.2f%% of all pixels%n",
                worst,
                100.0 * ignored / (total + ignored));
    }

    /** Draws the image above its label map, with its top-left corner at (left, top). */
    private static void draw(SegmentationSample s, BufferedImage out, int left, int top) {
        int h = s.height();
        int w = s.width();
        int plane = h * w;
        ClassCatalog catalog = ClassCatalog.cityscapes();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int rgb =
                        channel(s.image()[p]) << 16
                                | channel(s.image()[plane + p]) << 8
                                | channel(s.image()[2 * plane + p]);
                out.setRGB(left + x, top + y, rgb);
                out.setRGB(left + x, top + h + y, catalog.colour(s.labelAt(p)));
            }
        }
    }

    private static int channel(float v) {
        return Math.round(v * 255);
    }
}
