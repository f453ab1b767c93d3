package io.dropclass.spark;

import io.dropclass.scale.Devices;
import io.dropclass.scale.ExecutorCatalog;
import io.dropclass.scale.ExecutorSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark configuration of one command: the master (the embedded {@code local[N]} by default,
 * or a cluster's), the {@code --spark-conf} settings over quiet defaults, and the GPUs that local
 * tasks take by partition.
 *
 * @param master the master URL, local masters with their retry count
 * @param conf every Spark setting to apply
 * @param localDevices {@code gpu:N} names for local mode, empty otherwise
 */
record SparkSetup(String master, Map<String, String> conf, List<String> localDevices) {

    /** Local masters: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}. */
    private static final Pattern LOCAL =
            Pattern.compile("local(?:\\[(\\d+|\\*)(?:,(\\d+))?])?");

    /** How often a failed task runs again before the job fails, unless set. */
    static final String DEFAULT_MAX_FAILURES = "4";

    SparkSetup {
        conf = Map.copyOf(conf);
        localDevices = List.copyOf(localDevices);
    }

    /**
     * The setup of the command line's settings.
     *
     * @param settings {@code --master}, {@code --parallel}, {@code --devices}, {@code --spark-conf}
     * @return the setup
     * @throws IllegalArgumentException with a one-line message for a bad master or setting
     */
    static SparkSetup of(ExecutorSettings settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.app.name", "dropclass");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.task.maxFailures", DEFAULT_MAX_FAILURES);
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            if (!e.getKey().startsWith("spark.")) {
                throw new IllegalArgumentException("--spark-conf: '" + e.getKey() + "' is not a"
                        + " Spark setting; Spark settings start with spark.");
            }
            conf.put(e.getKey(), e.getValue());
        }
        List<String> devices = Devices.parse(settings.devices());
        String master = settings.master() != null ? settings.master()
                : System.getProperty("spark.master", // set by spark-submit
                        "local[" + defaultSlots(settings, devices) + "]");
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            conf.putIfAbsent("spark.driver.host", "127.0.0.1");
            conf.putIfAbsent("spark.driver.bindAddress", "127.0.0.1");
            String slots = local.group(1) == null ? "1" : local.group(1);
            String failures = local.group(2) != null ? local.group(2)
                    : conf.get("spark.task.maxFailures");
            return new SparkSetup("local[" + slots + "," + failures + "]", conf, devices);
        }
        if (!master.matches("(spark|k8s|mesos)://\\S+|yarn")) {
            throw new IllegalArgumentException("--master: '" + master + "' is not a Spark master;"
                    + " use local[N], spark://HOST:PORT, k8s://https://HOST:PORT or yarn");
        }
        if (!devices.isEmpty()) {
            throw new IllegalArgumentException("--devices: on a cluster, executors take their GPU"
                    + " from Spark's resource scheduling; use --spark-conf"
                    + " spark.task.resource.gpu.amount=1 (and the executors' GPU settings)"
                    + " instead");
        }
        if (System.getProperty("spark.jars") == null) { // spark-submit --jars sets it
            applicationJars().ifPresent(jars -> conf.putIfAbsent("spark.jars", jars));
        }
        return new SparkSetup(master, conf, List.of());
    }

    private static int defaultSlots(ExecutorSettings settings, List<String> devices) {
        if (settings.parallel() > 0) {
            return settings.parallel();
        }
        return devices.isEmpty() ? 2 : devices.size();
    }

    /**
     * For a cluster started without spark-submit: the jars its executors need (the core jar, its
     * lib folder, the Spark module's jar), when this JVM runs from those jars.
     */
    private static java.util.Optional<String> applicationJars() {
        Path core = codeSource(ExecutorCatalog.class);
        Path spark = codeSource(SparkSetup.class);
        if (core == null || spark == null || !Files.isRegularFile(core)
                || !Files.isRegularFile(spark)) {
            return java.util.Optional.empty();
        }
        List<String> jars = new ArrayList<>(List.of(core.toString(), spark.toString()));
        Path lib = core.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted()
                        .forEach(f -> jars.add(f.toString()));
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(String.join(",", jars));
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the master is the embedded one: tasks run in this JVM. */
    boolean isLocal() {
        return master.startsWith("local");
    }

    /**
     * Starts the Spark context; the caller stops it.
     *
     * @return the context
     */
    JavaSparkContext open() {
        // warnings that say nothing to a user of the embedded master: the loopback host name,
        // Hadoop's absent native library (Spark logs through the core's slf4j-simple)
        for (String logger : List.of("org.apache.spark.util.Utils",
                "org.apache.hadoop.util.NativeCodeLoader")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
        SparkConf sparkConf = new SparkConf().setMaster(master);
        conf.forEach(sparkConf::set);
        return new JavaSparkContext(sparkConf);
    }

    /** A one-line description for the console. */
    String describe() {
        return "spark master " + master + (localDevices.isEmpty() ? ""
                : ", local tasks take " + String.join(",", localDevices) + " by partition");
    }
}
