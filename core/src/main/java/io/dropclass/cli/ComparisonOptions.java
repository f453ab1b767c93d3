package io.dropclass.cli;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The seeds of a comparison and the class weights of its {@code weighted_ce} (compare, study). */
final class ComparisonOptions {

    @Option(names = "--seeds", defaultValue = "3", description = "Number of seeds (default: 3).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "First seed (default: 1).")
    long firstSeed;

    @Option(names = "--weights", defaultValue = "median_frequency",
            description = "Class-weight scheme of weighted_ce: inverse, median_frequency, enet,"
                    + " effective_number or cityscapes (default: ${DEFAULT-VALUE}).")
    String weights;

    /** The seeds, checked: --first-seed and the next --seeds − 1. */
    List<Long> seedList() {
        if (seeds < 1 || seeds > 100) {
            throw new UserError("--seeds: got " + seeds + "; give a count between 1 and 100");
        }
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            list.add(firstSeed + i);
        }
        return list;
    }

    /**
     * The weight scheme, checked against a configuration before any training starts.
     *
     * @param base the comparison's configuration
     * @return the scheme's name
     * @throws IOException if the configuration cannot be resolved
     */
    String weightScheme(ExperimentConfig base) throws IOException {
        ConfigFiles.resolve(base, null, List.of("loss.class_weights=" + weights));
        return weights;
    }
}
