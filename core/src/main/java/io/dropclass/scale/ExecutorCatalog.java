package io.dropclass.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the executor named on the command line: {@code serial} and {@code processes} are built in,
 * others come from {@link ExecutorProvider}s on the class path.
 */
public final class ExecutorCatalog {

    /** The executor of today's behaviour: one run after the other, in this process. */
    public static final String SERIAL = "serial";

    /** A pool of child JVMs on this machine. */
    public static final String PROCESSES = "processes";

    /** The Spark module's executor. */
    public static final String SPARK = "spark";

    private ExecutorCatalog() {}

    /**
     * The run executor of the settings.
     *
     * @param settings the chosen executor and its settings
     * @param inProcess trains a run in this process (the serial executor)
     * @return the executor
     * @throws IllegalArgumentException with a one-line message for an unknown or absent executor
     *     or unusable settings
     */
    public static RunExecutor runs(ExecutorSettings settings, RunTrainer inProcess) {
        switch (settings.name()) {
            case SERIAL -> {
                refuse(settings.parallel() > 1, "--parallel: the serial executor trains one run"
                        + " at a time; use --executor processes (or spark) to run several");
                refuse(!settings.devices().isEmpty(), "--devices: the serial executor trains in"
                        + " this process on the engine's default device; use --executor processes"
                        + " to pin one run per device");
                return new SerialExecutor(inProcess);
            }
            case PROCESSES -> {
                List<String> devices = Devices.parse(settings.devices());
                int parallel = settings.parallel() > 0 ? settings.parallel()
                        : devices.isEmpty() ? 1 : devices.size();
                return new ProcessExecutor(settings.launch(), parallel, devices);
            }
            default -> {
                return provider(settings.name()).runs(settings);
            }
        }
    }

    /**
     * The dataset-job executor of the settings.
     *
     * @param settings the chosen executor and its settings
     * @param threads threads of the serial executor (counting needs no engine and may use
     *     several; a network's forward passes take turns anyway)
     * @return the executor
     * @throws IllegalArgumentException with a one-line message for an unknown or absent executor
     */
    public static PartitionExecutor partitions(ExecutorSettings settings, int threads) {
        switch (settings.name()) {
            case SERIAL -> {
                refuse(settings.parallel() > 1 || !settings.devices().isEmpty(), "--parallel,"
                        + " --devices: the serial executor evaluates in this process; use"
                        + " --executor spark to spread the images over workers");
                return new SerialPartitions(Math.max(1, threads));
            }
            case PROCESSES -> throw new IllegalArgumentException("--executor processes: runs"
                    + " training grids only; use serial or spark (spark --master local[N] spreads"
                    + " the images over N task slots)");
            default -> {
                return provider(settings.name()).partitions(settings);
            }
        }
    }

    /** The names of every executor this class path has. */
    public static List<String> available() {
        List<String> names = new ArrayList<>(List.of(SERIAL, PROCESSES));
        ServiceLoader.load(ExecutorProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }

    private static ExecutorProvider provider(String name) {
        Optional<ExecutorProvider> found = ServiceLoader.load(ExecutorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(name)).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        if (name.equals(SPARK)) {
            throw new IllegalArgumentException("--executor spark needs the dropclass-spark jar on"
                    + " the class path; run it through ./dropclass (which builds and adds it), or"
                    + " add spark/target/dropclass-spark.jar and spark/target/lib/* to it");
        }
        throw new IllegalArgumentException("--executor: unknown executor '" + name + "'; use one"
                + " of " + String.join(", ", available()));
    }

    private static void refuse(boolean condition, String message) {
        if (condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
