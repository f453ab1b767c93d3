package io.dropclass.cli;

import io.dropclass.reference.ReferenceCase;
import io.dropclass.reference.ReferenceCheck;
import io.dropclass.reference.ReferenceOutputs;
import io.dropclass.reference.ReferenceResult;
import io.dropclass.reference.ReferenceTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dropclass check-reference}: replays reference cases computed by the official code (one
 * training forward with the case's epoch and dropped class, backward, one eval forward) and
 * compares every expected entry with its tolerance. Exit 0 only if every case passes, 1 otherwise.
 */
@Command(name = "check-reference", mixinStandardHelpOptions = true,
        description = "Replay reference cases (case.json, weights/inputs/expected .safetensors) and"
                + " compare every entry with its tolerance; exit 0 only if all pass.")
final class CheckReferenceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CASE_DIR", arity = "1..*", description = "Case folders.")
    List<Path> cases;

    @Option(names = "--write-actual", paramLabel = "OUT_DIR",
            description = "Write the computed entries to OUT_DIR/<case>/actual.safetensors.")
    Path writeActual;

    @Option(names = "--threads", description = "Engine threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        EngineSettings.apply(threads != null && threads > 0
                ? threads : Runtime.getRuntime().availableProcessors());
        int failed = 0;
        for (Path dir : cases) {
            ReferenceResult result = ReferenceCheck.run(ReferenceCase.load(dir));
            System.out.print(ReferenceTable.format(result));
            if (writeActual != null) {
                Optional<Path> file = ReferenceOutputs.writeActual(writeActual, result);
                file.ifPresent(f -> System.out.println("actual entries: " + f));
            }
            System.out.println();
            if (!result.passed()) {
                failed++;
            }
        }
        System.out.println(failed == 0
                ? "all " + cases.size() + " case(s) passed"
                : failed + " of " + cases.size() + " case(s) did not pass");
        return failed == 0 ? 0 : 1;
    }
}
