package io.dropclass.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration overrides ({@code key=value}) that a command's options stand for, in the order
 * they are added; an option that was not given adds nothing.
 */
final class Overrides {

    private final List<String> list;

    /** Overrides starting with the given ones (e.g. those written on the command line). */
    Overrides(List<String> first) {
        list = new ArrayList<>(first);
    }

    /** No overrides yet. */
    Overrides() {
        this(List.of());
    }

    /**
     * Adds {@code key=value} when the option was given.
     *
     * @param key the configuration key, e.g. {@code train.batch_size}
     * @param value the option's value; null when it was not given
     * @return this
     */
    Overrides add(String key, Object value) {
        if (value != null) {
            list.add(key + "=" + value);
        }
        return this;
    }

    /** Adds {@code key=true} when a flag was given. */
    Overrides flag(String key, boolean given) {
        return add(key, given ? Boolean.TRUE : null);
    }

    /** The overrides, in order. */
    List<String> list() {
        return list;
    }

    /** The overrides, in order, as an array. */
    String[] array() {
        return list.toArray(String[]::new);
    }
}
