package io.dropclass.spark;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a failed Spark job into the one-line error of the task's own failure. */
final class SparkFailures {

    /** Spark's "Task 0 in stage 0.0 failed 4 times". */
    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times?");

    private SparkFailures() {}

    /**
     * The failure of a job as an {@link IOException} whose message is the task's error (Spark puts
     * the task's exception, as text, into its own message).
     *
     * @param what what the job's tasks compute, e.g. "a run"
     * @param failure what the job threw
     * @return the exception to throw
     */
    static IOException asIOException(String what, Exception failure) {
        String text = String.valueOf(failure.getMessage());
        String reason = text.lines().map(String::strip)
                .filter(l -> l.contains("java.io.IOException: ")
                        || l.contains("IllegalArgumentException: "))
                .findFirst()
                .map(l -> l.substring(l.indexOf("Exception: ") + "Exception: ".length()))
                .orElse(text.lines().findFirst().orElse(failure.getClass().getName()));
        Matcher failed = ATTEMPTS.matcher(text);
        String attempts = failed.find() ? "failed " + failed.group(1) + " time(s): " : "failed: ";
        return new IOException("spark: " + what + " " + attempts + reason, failure);
    }
}
