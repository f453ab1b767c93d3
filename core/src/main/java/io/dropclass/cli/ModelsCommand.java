package io.dropclass.cli;

import io.dropclass.experiment.ModelCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropclass models}: the architectures, their sizes and the weights they load. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the architectures: trainable parameters, the channels C of the"
                + " DropClass feature map, output stride, and the pretrained formats they load.")
final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--classes", defaultValue = "19",
            description = "Number of classes K for the counts (default: ${DEFAULT-VALUE}).")
    int classes;

    @Override
    public Integer call() {
        if (classes < 1 || classes > 255) {
            throw new UserError("--classes: got " + classes + "; give a count between 1 and 255");
        }
        System.out.printf("%-30s %14s %5s %7s %12s  %s%n", "architecture", "parameters", "C",
                "stride", "+DropClass", "pretrained formats");
        for (ModelCatalog.ModelInfo m : ModelCatalog.all(classes)) {
            System.out.printf("%-30s %,14d %5d %7d %,12d  %s%n", m.name(), m.trainableParameters(),
                    m.featureChannels(), m.outputStride(), m.dropClassHeadParameters(),
                    String.join("; ", m.weightFormats()));
        }
        System.out.println("parameters: trainable, " + classes
                + " classes, without the DropClass head (BatchNorm statistics excluded)");
        return 0;
    }
}
