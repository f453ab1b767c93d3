package io.dropclass.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a child JVM, as the launcher does, and captures everything it writes,
 * the engine's native output on file descriptors 1 and 2 included (which an in-process run cannot
 * capture: native code writes past {@code System.out} and {@code System.err}).
 */
final class ChildCli {

    /** Exit code and the interleaved standard output and standard error. */
    record Result(int code, String output) {}

    private ChildCli() {}

    /**
     * Runs {@code dropclass ARGS} in a child JVM with this JVM's engine properties and class path.
     *
     * @param environment variables added to the child's environment
     * @param args the command line
     * @return exit code and output
     */
    static Result run(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = command(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes(); // until the child exits
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dropclass " + String.join(" ", args) + " did not end");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * The command line of a child JVM running the CLI on this JVM's class path, with the engine
     * and logging properties the tests set.
     *
     * @param args the CLI's arguments
     * @return the command
     */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR", "OPT_OUT_TRACKING",
                "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads",
                "java.awt.headless", "org.slf4j.simpleLogger.defaultLogLevel")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DropClassCli.class.getName());
        command.addAll(List.of(args));
        return command;
    }

}
