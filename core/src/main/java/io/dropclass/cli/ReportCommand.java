package io.dropclass.cli;

import io.dropclass.report.ReportBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropclass report}: one self-contained HTML page from run directories. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Build one self-contained HTML page (charts embedded, readable offline)"
                + " from run directories, or from folders holding run directories (compare,"
                + " demo outputs).")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*",
            description = "Run directories, or folders of them.")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "FILE",
            description = "The HTML file (default: report.html in the first folder).")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (Path input : inputs) {
            runs.addAll(runDirectories(input));
        }
        if (runs.isEmpty()) {
            throw new UserError("report: no run directory (a folder with config.json) under "
                    + inputs + "; give the folders that dropclass train wrote");
        }
        Path html = output != null ? output : inputs.get(0).resolve("report.html");
        ReportBuilder.build(runs, html);
        System.out.println("report: " + html + " (" + runs.size() + " run(s))");
        return 0;
    }

    /** The folder itself if it is a run, else the runs below it (up to three levels). */
    static List<Path> runDirectories(Path input) throws java.io.IOException {
        if (!Files.isDirectory(input)) {
            throw new UserError("report input " + input + ": no such folder; check the path");
        }
        if (Files.isRegularFile(input.resolve("config.json"))) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input, 3)) {
            return walk.filter(p -> Files.isRegularFile(p.resolve("config.json")))
                    .sorted().toList();
        }
    }
}
