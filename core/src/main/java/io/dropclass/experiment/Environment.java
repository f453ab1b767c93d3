package io.dropclass.experiment;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Facts about the running tool for manifests: versions and the source commit. */
public final class Environment {

    private Environment() {}

    /** The tool's name and version, e.g. {@code dropclass 0.1.0-SNAPSHOT}. */
    public static String tool() {
        String version = Environment.class.getPackage().getImplementationVersion();
        return "dropclass " + (version == null ? "dev" : version);
    }

    /** Java, OS, DJL and PyTorch versions, and the processor count. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        v.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Engine engine = Engine.getInstance();
        v.put("djl", Engine.getDjlVersion());
        v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        return v;
    }

    /**
     * The git commit of the source checkout the tool runs from, read from the {@code .git} folder
     * beside the application (no process is started), if there is one.
     *
     * @return the commit id
     */
    public static Optional<String> gitCommit() {
        Path start = applicationLocation().orElse(Path.of("").toAbsolutePath());
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return readHead(git);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> applicationLocation() {
        try {
            return Optional.of(Path.of(Environment.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toAbsolutePath());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readHead(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                return Files.readAllLines(packed, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.endsWith(" " + ref))
                        .map(l -> l.substring(0, l.indexOf(' ')))
                        .findFirst();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
