package io.dropclass.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that resolves an experiment configuration: it takes the shared options ({@link
 * CommonOptions}: --config, --output, --seed, --threads, the dataset, key=value overrides) and
 * returns its exit code.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    @Mixin CommonOptions options;
}
