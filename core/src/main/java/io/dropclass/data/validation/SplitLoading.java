package io.dropclass.data.validation;

/**
 * Turns a listed split into a dataset: scans it, then stops (strict) or leaves the offending
 * samples out with warnings (lenient).
 */
public final class SplitLoading {

    private SplitLoading() {}

    /**
     * Scans and opens a split.
     *
     * @param source the listed pairs
     * @param strict whether any problem stops the load
     * @return the dataset and warnings
     * @throws InvalidDatasetException if strict and a problem was found, or if no valid sample is
     *     left
     */
    public static LoadedDataset open(DatasetSource source, boolean strict)
            throws InvalidDatasetException {
        SplitScanner.SplitScan scan = SplitScanner.scan(source, SplitScanner.DEFAULT_EAGER_CHECKS);
        ValidationReport report = scan.report();
        if (strict && !report.isEmpty()) {
            throw new InvalidDatasetException(report.strictMessage());
        }
        if (scan.valid().isEmpty()) {
            String why =
                    report.isEmpty()
                            ? source.name() + " root " + source.root() + ", split " + source.split()
                                    + ": no image/mask pairs found; check --root and --split"
                            : report.strictMessage();
            throw new InvalidDatasetException("no usable samples: " + why);
        }
        int total = source.pairs().size() + source.listingProblems().size();
        int skipped = total - scan.valid().size();
        return new LoadedDataset(
                new CheckedPairDataset(source, scan.valid()), report.warnings(skipped, total));
    }
}
