package io.dropclass.cli;

import io.dropclass.experiment.ReferenceReplay;
import io.dropclass.reference.ReferenceCase;
import io.dropclass.reference.ReferenceMode;
import io.dropclass.reference.ReferenceOutputs;
import io.dropclass.reference.ReferenceResult;
import io.dropclass.reference.ReferenceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dropclass check-reference}: replays reference cases computed by the official code through
 * the training step that {@code train} runs (one training forward with the case's epoch and
 * dropped class, backward, one eval forward) in every asked mode (float32 and float64, contiguous
 * and channels-last), and compares every expected entry with the mode's tolerance. Prints one row
 * per mode, the failed entries of a failed mode, and every entry with {@code --table}. Exit 0 only
 * if every case passes in every mode, 1 otherwise.
 */
@Command(name = "check-reference", mixinStandardHelpOptions = true,
        description = "Replay reference cases (case.json, weights/inputs/expected .safetensors)"
                + " through the training step and compare every entry with its tolerance, in"
                + " float32 and float64, contiguous and channels-last; exit 0 only if all pass.")
final class CheckReferenceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CASE_DIR", arity = "1..*", description = "Case folders.")
    List<Path> cases;

    @Option(names = "--dtype", paramLabel = "float32|float64|both",
            description = "Element type of the replay: float32 against expected.safetensors,"
                    + " float64 against expected_float64.safetensors (default: both).")
    String dtype;

    @Option(names = "--layout", paramLabel = "contiguous|channels_last|both",
            description = "Memory layout of the replay; float32 channels-last is compared with"
                    + " tolerance_channels_last; float64 runs channels-last only when asked for"
                    + " channels_last alone (default: both).")
    String layout;

    @Option(names = "--table", description = "Print every entry of every mode, not only the"
            + " failed ones.")
    boolean table;

    @Option(names = "--write-actual", paramLabel = "OUT_DIR",
            description = "Write the computed entries to"
                    + " OUT_DIR/<case>/actual[_<mode>].safetensors.")
    Path writeActual;

    @Option(names = "--threads", description = "Engine threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        List<ReferenceMode> modes;
        try {
            modes = ReferenceMode.parse(dtype == null ? "both" : dtype,
                    layout == null ? "both" : layout);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        // asked for: a case without a mode's tolerance fails it; by default the mode is skipped
        boolean explicit = dtype != null || layout != null;
        EngineSettings.apply(threads != null && threads > 0
                ? threads : Runtime.getRuntime().availableProcessors());
        int failed = 0;
        List<Path> written = new ArrayList<>();
        for (Path dir : cases) {
            ReferenceCase referenceCase = ReferenceCase.load(dir);
            List<ReferenceMode> run = explicit ? modes
                    : modes.stream().filter(referenceCase::supports).toList();
            List<ReferenceResult> results = ReferenceReplay.check(referenceCase, run);
            System.out.print(ReferenceTable.modes(results));
            for (ReferenceMode mode : modes) {
                if (!run.contains(mode)) {
                    System.out.println("  " + mode.label() + ": not checked, the case has no "
                            + mode.toleranceKey());
                }
            }
            for (ReferenceResult result : results) {
                if (table) {
                    System.out.print("\n" + ReferenceTable.format(result));
                } else if (!result.passed() && !result.entries().isEmpty()) {
                    System.out.print("\n" + ReferenceTable.failures(result));
                }
                if (writeActual != null) {
                    ReferenceOutputs.writeActual(writeActual, result).ifPresent(written::add);
                }
            }
            System.out.println();
            if (!results.stream().allMatch(ReferenceResult::passed)) {
                failed++;
            }
        }
        String modeList = String.join(", ", modes.stream().map(ReferenceMode::label).toList());
        System.out.println(failed == 0
                ? "all " + cases.size() + " case(s) passed in every mode (" + modeList + ")"
                : failed + " of " + cases.size() + " case(s) did not pass in every mode ("
                        + modeList + ")");
        WrittenFiles files = new WrittenFiles();
        written.forEach(f -> files.add("actual entries", f));
        files.print(System.out);
        return failed == 0 ? 0 : 1;
    }
}
