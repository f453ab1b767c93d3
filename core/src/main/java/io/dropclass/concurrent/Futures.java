package io.dropclass.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a thread pool, with the worker's failure rethrown as it happened. */
public final class Futures {

    private Futures() {}

    /**
     * The result of a task. An unchecked exception or an error of the task is rethrown as it is,
     * a checked one wrapped; an interrupt while waiting restores the thread's flag.
     *
     * @param future the task
     * @param what what the task computes, for messages, e.g. {@code "a batch"}
     * @param <T> the result type
     * @return the task's result
     * @throws IllegalStateException if interrupted, or wrapping a checked exception of the task
     */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }
}
