package io.dropclass.cli;

import io.dropclass.experiment.Grids;
import io.dropclass.scale.ExecutorCatalog;
import io.dropclass.scale.ExecutorSettings;
import io.dropclass.scale.PartitionExecutor;
import io.dropclass.scale.RunExecutor;
import io.dropclass.scale.WorkerLaunch;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Where the work runs: {@code --executor} and its settings (compare, sweep, evaluate, ...). */
final class ExecutorOptions {

    /** System properties a child JVM gets from this one, whether set on its command line or not. */
    private static final List<String> FORWARDED = List.of("ai.djl.offline", "DJL_CACHE_DIR",
            "OPT_OUT_TRACKING", "java.awt.headless", "org.slf4j.simpleLogger.defaultLogLevel");

    @Option(names = "--executor", defaultValue = ExecutorCatalog.SERIAL, paramLabel = "NAME",
            description = "serial (default: one after the other in this process), processes (a"
                    + " pool of child JVMs on this machine) or spark (needs the dropclass-spark"
                    + " jar: ./dropclass adds it).")
    String executor;

    @Option(names = "--parallel", paramLabel = "N",
            description = "processes: runs at once (default: 1, or one per device); spark without"
                    + " --master: the task slots of the embedded local[N] master.")
    Integer parallel;

    @Option(names = "--devices", split = ",", paramLabel = "gpu:0,gpu:1,...",
            description = "processes: one run per GPU at a time, each child JVM sees only its"
                    + " GPU; spark local mode: tasks take a GPU by partition.")
    List<String> devices;

    @Option(names = "--master", paramLabel = "URL",
            description = "spark: local[N] (embedded, the default), spark://HOST:PORT, k8s://..."
                    + " or yarn.")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "spark: a Spark setting, e.g. spark.task.resource.gpu.amount=1"
                    + " (repeatable).")
    List<String> sparkConf;

    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    /** Whether --executor or --parallel was given on the command line. */
    boolean given() {
        ParseResult parsed = mixee.commandLine().getParseResult();
        return parsed.hasMatchedOption("--executor") || parsed.hasMatchedOption("--parallel");
    }

    /** The chosen settings, checked. */
    ExecutorSettings settings() {
        return settings(executor, parallel);
    }

    private ExecutorSettings settings(String executor, Integer parallel) {
        boolean spark = executor.equals(ExecutorCatalog.SPARK);
        if (!spark && master != null) {
            throw new UserError("--master: only --executor spark has a master; add --executor"
                    + " spark or leave --master out");
        }
        if (!spark && sparkConf != null) {
            throw new UserError("--spark-conf: only --executor spark reads Spark settings; add"
                    + " --executor spark or leave --spark-conf out");
        }
        if (parallel != null && parallel < 1) {
            throw new UserError("--parallel: got " + parallel + "; give at least 1");
        }
        Map<String, String> conf = new LinkedHashMap<>();
        for (String kv : sparkConf == null ? List.<String>of() : sparkConf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--spark-conf: '" + kv + "' is not KEY=VALUE; write e.g."
                        + " --spark-conf spark.executor.memory=8g");
            }
            conf.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new ExecutorSettings(executor, parallel == null ? 0 : parallel,
                devices == null ? List.of() : devices, master, conf, launch());
    }

    /** The run executor: serial trains in this process, the others start child JVMs. */
    RunExecutor runs() {
        return ExecutorCatalog.runs(settings(), Grids.inProcess(System.err,
                DropClassCli.arguments));
    }

    /**
     * A run executor of the given kind, with the other options as given.
     *
     * @param name the executor ({@link ExecutorCatalog#PROCESSES}, ...)
     * @param runsAtOnce its parallelism
     * @return the executor
     */
    RunExecutor runs(String name, int runsAtOnce) {
        return ExecutorCatalog.runs(settings(name, runsAtOnce), Grids.inProcess(System.err,
                DropClassCli.arguments));
    }

    /**
     * The dataset-job executor.
     *
     * @param threads threads of the serial executor
     */
    PartitionExecutor partitions(int threads) {
        return ExecutorCatalog.partitions(settings(), threads);
    }

    /**
     * How a child JVM is started: this command line's main class, this JVM's memory, GC, module
     * and {@code -D} options (not agents or debuggers), and the engine settings in force here.
     */
    static WorkerLaunch launch() {
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X") && !arg.startsWith("-Xdebug") && !arg.startsWith("-Xrun")
                    || arg.startsWith("-D") || arg.startsWith("--add-")) {
                options.add(arg);
            }
        }
        for (String property : FORWARDED) {
            String value = System.getProperty(property);
            if (value != null && options.stream().noneMatch(o -> o.startsWith("-D" + property
                    + "="))) {
                options.add("-D" + property + "=" + value);
            }
        }
        return new WorkerLaunch(DropClassCli.class.getName(), options);
    }
}
