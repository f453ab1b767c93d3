package io.dropclass.config;

/**
 * A configuration value or key that is not acceptable. The message names the key (dotted path, e.g.
 * {@code train.batch_size}) and what is wrong, in one line.
 */
public final class ConfigException extends IllegalArgumentException {

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key the dotted key, or the field name within its section
     * @param problem what is wrong with it
     */
    public ConfigException(String key, String problem) {
        super("config key '" + key + "': " + problem);
        this.key = key;
    }

    /** The dotted key or field name this error is about. */
    public String key() {
        return key;
    }

    static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new ConfigException(key, problem);
        }
    }

    static void positive(int value, String key) {
        require(value > 0, key, "got " + value + "; use a positive integer");
    }

    static void oneOf(String value, String key, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return;
            }
        }
        throw new ConfigException(
                key, "got '" + value + "'; use one of " + String.join(", ", allowed));
    }
}
