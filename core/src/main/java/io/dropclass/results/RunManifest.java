package io.dropclass.results;

import java.util.List;
import java.util.Map;

/**
 * Provenance of a run, written to {@code manifest.json} when the run starts ({@code status}
 * "running"), and again when it ends ("finished" or "failed", with the error). A run directory
 * whose manifest does not say "finished" is not a finished run.
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
 * @param resumes every resume of the run, oldest first (empty for a run never resumed)
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
        Map<String, Object> outcome,
        List<Resume> resumes) {

    /**
     * One resume of a run.
     *
     * @param at ISO-8601 time of the resume
     * @param iteration the iteration of the checkpoint it continued from
     * @param checkpoint the checkpoint file, relative to the run directory
     * @param previousStatus the status the manifest had before (running = killed without a trace)
     * @param command the command line of the resume
     * @param previousLr the base learning rate before the resume, or null if the resume kept it
     * @param lr the base learning rate the resume set ({@code optimizer.lr=X}), or null if it kept
     *     the configured one
     */
    public record Resume(
            String at, int iteration, String checkpoint, String previousStatus,
            List<String> command, Double previousLr, Double lr) {}

    /** Copies the lists; a manifest written before resumes existed reads with none. */
    public RunManifest {
        resumes = resumes == null ? List.of() : List.copyOf(resumes);
    }

    /**
     * The same manifest, ended.
     *
     * @param status finished, failed or interrupted
     * @param error the error, or null
     * @param finishedAt the end time
     * @param outcome headline figures
     * @return the ended manifest
     */
    public RunManifest end(String status, String error, String finishedAt, Map<String,
            Object> outcome) {
        return new RunManifest(tool, command, status, error, seed, threads, versions, gitCommit,
                datasets, startedAt, finishedAt, outcome, resumes);
    }

    /**
     * The same manifest, running again after a resume.
     *
     * @param resume the resume to record
     * @return the manifest with status running, no end time, no error
     */
    public RunManifest resumed(Resume resume) {
        List<Resume> all = new java.util.ArrayList<>(resumes);
        all.add(resume);
        return new RunManifest(tool, command, "running", null, seed, threads, versions, gitCommit,
                datasets, startedAt, null, Map.of(), all);
    }
}
