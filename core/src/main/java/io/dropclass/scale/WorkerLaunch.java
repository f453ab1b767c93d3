package io.dropclass.scale;

import java.io.File;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to start a child JVM that trains one run: {@code java OPTIONS -cp CLASSPATH MAIN train
 * --config FILE --output DIR}. The class path is taken where the child starts (this JVM's class
 * path and the jars its class loaders were given, as on a Spark executor), so a launch made on a
 * driver also works on an executor.
 *
 * @param mainClass the command line's main class
 * @param jvmOptions options for the child JVM (memory, system properties, module flags)
 */
public record WorkerLaunch(String mainClass, List<String> jvmOptions) implements Serializable {

    /** Copies the options. */
    public WorkerLaunch {
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("a worker launch needs a main class");
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The command line that trains a run.
     *
     * @param configFile the run's resolved configuration
     * @param runDirectory the run directory to create
     * @return the command
     */
    public List<String> command(Path configFile, Path runDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(List.of("train", "--config", configFile.toString(), "--output",
                runDirectory.toString()));
        return command;
    }

    /** This JVM's class path, then the file URLs of the context class loaders (deduplicated). */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null;
                l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local file: the child cannot use it
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
