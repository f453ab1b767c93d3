package io.dropclass.model.weights;

import java.util.List;

/**
 * What loading a pretrained checkpoint did, in target names unless said otherwise.
 *
 * @param format the checkpoint's naming scheme (given or detected)
 * @param architecture the target
 * @param strippedPrefix the wrapper prefix removed from every source name ({@code module.}, {@code
 *     model.}), or empty
 * @param loaded target parameters whose values were copied
 * @param missingBackbone backbone parameters the checkpoint lacks (an error unless partial loading
 *     was allowed)
 * @param newHead head parameters the checkpoint lacks ({@code last_layer}, {@code _classifier},
 *     {@code classifier}, {@code clsdrop_*}): expected for ImageNet checkpoints, left as
 *     initialised
 * @param skipped source names dropped by the name map (classification heads, {@code
 *     num_batches_tracked})
 * @param unexpected mapped names the target does not have (ignored)
 * @param shapeMismatched {@code "name: got (a, b), expected (c, d)"}, left as initialised
 */
public record PretrainedLoadReport(
        WeightFormat format,
        TargetArchitecture architecture,
        String strippedPrefix,
        List<String> loaded,
        List<String> missingBackbone,
        List<String> newHead,
        List<String> skipped,
        List<String> unexpected,
        List<String> shapeMismatched) {

    /** Copies the lists. */
    public PretrainedLoadReport {
        loaded = List.copyOf(loaded);
        missingBackbone = List.copyOf(missingBackbone);
        newHead = List.copyOf(newHead);
        skipped = List.copyOf(skipped);
        unexpected = List.copyOf(unexpected);
        shapeMismatched = List.copyOf(shapeMismatched);
    }

    /**
     * Whether every backbone tensor loaded with its shape and nothing mapped was left over.
     *
     * @return true if missingBackbone, unexpected and shapeMismatched are empty
     */
    public boolean backboneComplete() {
        return missingBackbone.isEmpty() && unexpected.isEmpty() && shapeMismatched.isEmpty();
    }

    /**
     * One line for the CLI, listing at most five names per category.
     *
     * @return e.g. {@code "pretrained (timm → HRNET): loaded 1210, backbone missing 0, new head 6
     *     [...], skipped 120 [...], unexpected 0, shape mismatches 0"}
     */
    public String summary() {
        return "pretrained (" + format.name().toLowerCase(java.util.Locale.ROOT) + " → "
                + architecture
                + (strippedPrefix.isEmpty() ? "" : ", without prefix " + strippedPrefix)
                + "): loaded " + loaded.size()
                + ", backbone missing " + StateDictReport.abbreviate(missingBackbone)
                + ", new head " + StateDictReport.abbreviate(newHead)
                + ", skipped " + StateDictReport.abbreviate(headsFirst(skipped))
                + ", unexpected " + StateDictReport.abbreviate(unexpected)
                + ", shape mismatches " + StateDictReport.abbreviate(shapeMismatched);
    }

    /** Lists num_batches_tracked last, so the summary shows the skipped heads. */
    private static List<String> headsFirst(List<String> names) {
        List<String> sorted = new java.util.ArrayList<>(names);
        sorted.sort(
                java.util.Comparator.comparing((String n) -> n.endsWith(".num_batches_tracked")));
        return sorted;
    }
}
