package io.dropclass.results;

import java.util.List;
import java.util.Map;

/**
 * Provenance of a run, written to {@code manifest.json} when the run starts ({@code status}
 * "running"), and again when it ends ("finished" or "failed", with the error). A run directory whose
 * manifest does not say "finished" is not a finished run.
 *
 * @param tool tool name and version
 * @param command the command line arguments
 * @param status running, finished, failed or interrupted (stopped by a signal)
 * @param error the one-line error of a failed run, else null
 * @param seed the run's seed
 * @param threads the engine's intra-op threads
 * @param versions Java, DJL, PyTorch, OS versions
 * @param gitCommit the commit of the tool's source checkout, when known
 * @param datasets fingerprint of each dataset used, by role (train, val)
 * @param startedAt ISO-8601 start time
 * @param finishedAt ISO-8601 end time, null while running
 * @param outcome headline figures of a finished run (e.g. best mIoU and its iteration)
 */
public record RunManifest(
        String tool,
        List<String> command,
        String status,
        String error,
        long seed,
        int threads,
        Map<String, String> versions,
        String gitCommit,
        Map<String, String> datasets,
        String startedAt,
        String finishedAt,
        Map<String, Object> outcome) {

    /**
     * The same manifest, ended.
     *
     * @param status finished, failed or interrupted
     * @param error the error, or null
     * @param finishedAt the end time
     * @param outcome headline figures
     * @return the ended manifest
     */
    public RunManifest end(String status, String error, String finishedAt, Map<String, Object> outcome) {
        return new RunManifest(tool, command, status, error, seed, threads, versions, gitCommit,
                datasets, startedAt, finishedAt, outcome);
    }
}
