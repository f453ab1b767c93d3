package io.dropclass.benchmark;

import java.util.List;

/**
 * What a benchmark measures besides the configured model, method, batch and crop.
 *
 * @param steps timed training steps
 * @param warmup untimed training steps first
 * @param inference sizes of the inference measurements (may be empty)
 * @param inferenceBatch images per inference forward
 * @param inferenceRuns timed inference runs per size
 * @param rssEvery sample VmRSS every this many timed steps (0: never)
 * @param profileRows operators to list from a profiled extra step (0: no profile)
 * @param matmulSize N of the N×N matrix-product ceiling
 */
public record BenchmarkSettings(
        int steps,
        int warmup,
        List<Resolution> inference,
        int inferenceBatch,
        int inferenceRuns,
        int rssEvery,
        int matmulSize,
        int profileRows) {

    /**
     * Checks the values; the messages name the command's options.
     *
     * @throws IllegalArgumentException naming the option
     */
    public BenchmarkSettings {
        require(steps >= 1, "--steps: must be at least 1, got " + steps);
        require(warmup >= 0, "--warmup: must be 0 or more, got " + warmup);
        require(inferenceBatch >= 1,
                "--inference-batch: must be at least 1, got " + inferenceBatch);
        require(inferenceRuns >= 1, "--inference-runs: must be at least 1, got " + inferenceRuns);
        require(rssEvery >= 0, "--rss-every: must be 0 (off) or more, got " + rssEvery);
        require(matmulSize >= 1, "--matmul: must be at least 1, got " + matmulSize);
        require(profileRows >= 0, "--profile: must be 0 (off) or more rows, got " + profileRows);
        inference = List.copyOf(inference);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
