package io.dropclass.data.synthetic;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Measures the generator outside the test suite: per-class pixel shares against the Cityscapes
 * targets, generation time per sample and, optionally, a few images with their labels as PNGs.
 *
 * <p>Run with {@code java -cp target/classes:target/test-classes
 * io.dropclass.data.synthetic.StreetSceneBenchmark [n] [split] [seed] [height] [width] [pngDir]}.
 */
public final class StreetSceneBenchmark {

    private static final int SHEET_COLUMNS = 4;
    private static final int SHEET_ROWS = 4;

    private StreetSceneBenchmark() {}

    /**
     * Prints the share table and the time per sample.
     *
     * @param args n, split, seed, height, width, optional output folder for PNGs
     * @throws IOException when a PNG cannot be written
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        SyntheticSplit split = SyntheticSplit.parse(args.length > 1 ? args[1] : "train");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        int height = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        StreetSceneGenerator generator = new StreetSceneGenerator(height, width);
        for (int i = 0; i < 300; i++) {
            generator.generate(seed + 1, split, i); // warm-up for the JIT
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            generator.generate(seed + 2, split, i);
        }
        double generateMs = (System.nanoTime() - t0) / 1e6 / n;
        long[] counts = new long[SceneClass.COUNT];
        int[] present = new int[SceneClass.COUNT];
        long ignored = 0;
        BufferedImage sheet = null;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SegmentationSample s = generator.generate(seed, split, i);
            boolean[] seen = new boolean[SceneClass.COUNT];
            for (int p = 0; p < s.label().length; p++) {
                int l = s.labelAt(p);
                if (l == ClassCatalog.IGNORE_INDEX) {
                    ignored++;
                } else {
                    counts[l]++;
                    seen[l] = true;
                }
            }
            for (int k = 0; k < seen.length; k++) {
                present[k] += seen[k] ? 1 : 0;
            }
            if (args.length > 5 && i < SHEET_COLUMNS * SHEET_ROWS) {
                if (sheet == null) {
                    sheet = new BufferedImage(SHEET_COLUMNS * width, SHEET_ROWS * 2 * height,
                            BufferedImage.TYPE_INT_RGB);
                }
                draw(s, sheet, (i % SHEET_COLUMNS) * width, (i / SHEET_COLUMNS) * 2 * height);
            }
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        if (sheet != null) {
            File file = new File(args[5], split.id() + "-sheet.png");
            file.getParentFile().mkdirs();
            ImageIO.write(sheet, "png", file);
        }
        print(counts, present, ignored, n);
        System.out.printf(Locale.ROOT,
                "%.3f ms per %dx%d sample on one thread (%.3f ms with counting and drawing)%n",
                generateMs, height, width, ms);
    }

    private static void print(long[] counts, int[] present, long ignored, int n) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] target = ClassCatalog.cityscapesTrainSharesPercent();
        ClassCatalog catalog = ClassCatalog.cityscapes();
        System.out.printf("%-14s %8s %8s %7s %8s%n", "class", "measured", "target", "ratio",
                "in imgs");
        double worst = 1;
        for (int k = 0; k < counts.length; k++) {
            double share = 100.0 * counts[k] / total;
            double ratio = share / target[k];
            worst = Math.max(worst, Math.max(ratio, 1 / ratio));
            System.out.printf(Locale.ROOT, "%-14s %8.3f %8.1f %7.2f %7.1f%%%n",
                    catalog.get(k).name(), share, target[k], ratio, 100.0 * present[k] / n);
        }
        System.out.printf(Locale.ROOT, "worst factor %.2f; ignored %.2f%% of all pixels%n", worst,
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
                int rgb = channel(s.image()[p]) << 16 | channel(s.image()[plane + p]) << 8
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
