package io.dropclass.cli;

import io.dropclass.data.synthetic.StreetSceneGenerator;
import io.dropclass.data.synthetic.SyntheticSplit;
import io.dropclass.experiment.SyntheticExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropclass synth}: writes synthetic street scenes as a folder dataset, e.g. for the PyTorch
 * peer benchmark ({@code bench/compare_peer.py}), which reads the same PNGs on both sides.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write synthetic street scenes as a folder dataset: images/*.png,"
                + " masks/*.png (palette-indexed, index = class id, 255 = ignore) and classes.txt;"
                + " read it back with data.dataset=folder data.root=DIR data.train_split=all.")
final class SynthCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", required = true,
            description = "The dataset folder to create; must be new or empty.")
    Path output;

    @Option(names = "--images", defaultValue = "64",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--height", defaultValue = "512",
            description = "Image rows (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--width", defaultValue = "1024",
            description = "Image columns (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the train split; val and shift are fixed sets"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", defaultValue = "train",
            description = "train, val or shift (default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            throw new UserError("--images must be at least 1, got " + images);
        }
        if (height < StreetSceneGenerator.MIN_HEIGHT || width < StreetSceneGenerator.MIN_WIDTH) {
            throw new UserError("--height/--width must be at least "
                    + StreetSceneGenerator.MIN_HEIGHT + "/" + StreetSceneGenerator.MIN_WIDTH
                    + ", got " + height + "/" + width);
        }
        SyntheticSplit which;
        try {
            which = SyntheticSplit.parse(split);
        } catch (IllegalArgumentException e) {
            throw new UserError("--split: " + e.getMessage());
        }
        int step = Math.max(1, images / 8);
        SyntheticExport.Written written;
        try {
            written = SyntheticExport.write(output,
                    new SyntheticExport.Request(which, images, height, width, seed),
                    n -> {
                        if (n % step == 0 || n == images) {
                            System.err.printf("synth: %d/%d images%n", n, images);
                        }
                    });
        } catch (java.nio.file.FileSystemException e) {
            throw new UserError("--output " + output + ": cannot write (" + e.getReason() + ")");
        }
        System.out.println("wrote " + written.images() + " images (" + written.fingerprint()
                + ") to " + written.root() + "; read with data.dataset=folder data.root="
                + written.root() + " data.train_split=all");
        return 0;
    }
}
