package io.dropclass.experiment;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A run's configuration on disk: read back from its {@code config.json}, and the hash that a
 * training-state checkpoint records so that a resume can tell the configuration did not change.
 */
public final class RunConfigs {

    private RunConfigs() {}

    /**
     * The configuration a run was started with: its {@code config.json} over the defaults.
     *
     * @param runDirectory the run
     * @return the configuration
     * @throws IOException naming the folder if it is not a run directory
     */
    public static ExperimentConfig read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve("config.json");
        if (!Files.isRegularFile(file)
                || !Files.isRegularFile(runDirectory.resolve("manifest.json"))) {
            throw new IOException("run directory " + runDirectory + ": no config.json and"
                    + " manifest.json; name a folder that dropclass train created");
        }
        return ConfigFiles.resolve(ExperimentConfig.defaults(), file, List.of());
    }

    /**
     * SHA-256 (hex) of the configuration as config.json holds it, with {@code optimizer.lr} set to
     * 1: the one key that a resume may change.
     *
     * @param config the configuration
     * @return the hash
     */
    static String hash(ExperimentConfig config) {
        try {
            return sha256(ConfigFiles.resolve(config, null, List.of("optimizer.lr=1")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }

    /**
     * The SHA-256 of a configuration's JSON, in hex: what names a configuration's results (a
     * run's checkpoints, a warm start).
     *
     * @param config the configuration
     * @return 64 hex digits
     */
    static String sha256(ExperimentConfig config) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ConfigFiles.toJson(config).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }
}
