package io.dropclass.model.weights;

import java.util.List;

/**
 * What loading a state dict did.
 *
 * @param loaded names whose values were copied into the network
 * @param missing network parameters absent from the state dict (left unchanged)
 * @param unexpected state-dict entries the network does not have (ignored)
 * @param shapeMismatched entries present in both with different shapes, as {@code "name: got (a,
 *     b), expected (c, d)"} (left unchanged)
 */
public record StateDictReport(
        List<String> loaded,
        List<String> missing,
        List<String> unexpected,
        List<String> shapeMismatched) {

    /** Copies the lists. */
    public StateDictReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        shapeMismatched = List.copyOf(shapeMismatched);
    }

    /**
     * Whether every parameter was loaded and nothing was left over.
     *
     * @return true if missing, unexpected and shapeMismatched are all empty
     */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatched.isEmpty();
    }

    /**
     * A one-line summary, listing at most a few names per category.
     *
     * @return the summary
     */
    public String summary() {
        return "loaded " + loaded.size() + ", missing " + abbreviate(missing) + ", unexpected "
                + abbreviate(unexpected) + ", shape mismatches " + abbreviate(shapeMismatched);
    }

    /**
     * A count and at most five of the names, e.g. {@code 7 [a; b; c; d; e; ... (2 more)]}.
     *
     * @param names the names of one category
     * @return the count, and the names in brackets unless there are none
     */
    static String abbreviate(List<String> names) {
        int shown = Math.min(names.size(), 5);
        String list = String.join("; ", names.subList(0, shown));
        String more = names.size() > shown ? "; ... (" + (names.size() - shown) + " more)" : "";
        return names.size() + (names.isEmpty() ? "" : " [" + list + more + "]");
    }
}
