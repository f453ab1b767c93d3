package io.dropclass.cli;

import static io.dropclass.cli.HostileInputs.H;
import static io.dropclass.cli.HostileInputs.N;
import static io.dropclass.cli.HostileInputs.W;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: hostile datasets, configurations and weights files, each given to the
 * command line in-process. Every case must end with exit code 2 and one line on stderr that names
 * the offending file or key and says what to do, without a stack trace, and must leave no finished
 * run and no checkpoint behind.
 *
 * <p>The message convention checked here: {@code dropclass: SUBJECT: PROBLEM; FIX}, where SUBJECT
 * names the file, folder, option or configuration key, and FIX (after the last {@code "; "}) starts
 * with an imperative verb from {@link #FIX_VERBS}.
 */
class BadInputCorpusTest {

    /** The verbs a fix clause may start with. */
    static final List<String> FIX_VERBS = List.of("use", "give", "set", "check", "save",
            "re-export", "re-extract", "re-convert", "free", "add", "write", "point", "choose",
            "fix", "run", "unset");

    /** A fix clause: the last "; " part, starting with one of the verbs. */
    static final Pattern FIX =
            Pattern.compile("; (?:" + String.join("|", FIX_VERBS) + ")\\b[^;]*$");

    @TempDir Path dir;

    /** What to run and what the message must name. */
    record Attempt(String[] args, Path output, String names, String alsoSays) {}

    @FunctionalInterface
    interface Build {
        Attempt in(Path dir) throws IOException;
    }

    /** One hostile input. */
    record Case(String name, Build build) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Damage {
        /** Breaks a valid tree; returns the file or key the message must name. */
        String apply(Path root) throws IOException;
    }

    // ---------------------------------------------------------------- datasets

    private static Case data(String name, String dataset, Damage damage) {
        return new Case(name, dir -> {
            Path root = switch (dataset) {
                case "camvid" -> HostileInputs.camvid(dir);
                case "voc" -> HostileInputs.voc(dir);
                default -> HostileInputs.cityscapes(dir, -1);
            };
            String names = damage.apply(root);
            return trainAttempt(dir, dataset, root, names, null, "data.strict=true");
        });
    }

    /** The same damage in lenient mode, where every training sample is broken. */
    private static Case lenient(String name, String dataset, Damage damage) {
        return new Case(name + " (lenient, all bad)", dir -> {
            Attempt strict = data(name, dataset, damage).build().in(dir);
            String[] args = strict.args().clone();
            args[args.length - 1] = "data.strict=false";
            return new Attempt(args, strict.output(), strict.names(), "no usable samples");
        });
    }

    private static Attempt trainAttempt(Path dir, String dataset, Path root, String names,
            String alsoSays, String strict) {
        Path out = dir.resolve("out");
        return new Attempt(new String[] {"train", "--dataset", dataset, "--root",
            root.toString(), "--output", out.toString(), "--method", "baseline",
            "train.iterations=1", "train.batch_size=2", "train.validation_interval=1",
            "--threads", "1", strict}, out, names, alsoSays);
    }

    /** Applies a file damage to every training image (or mask) of a CamVid tree. */
    private static Damage camvidTrain(String folder, FileDamage damage) {
        return root -> {
            for (int i = 0; i < N; i++) {
                damage.apply(root.resolve(folder + "/f" + i + ".png"));
            }
            return "f0.png";
        };
    }

    @FunctionalInterface
    interface FileDamage {
        void apply(Path file) throws IOException;
    }

    private static Damage vocTrainImages(FileDamage damage) {
        return root -> {
            for (int i = 0; i < N; i++) {
                damage.apply(root.resolve("JPEGImages/2007_00000" + i + ".jpg"));
            }
            return "2007_000000.jpg";
        };
    }

    static List<Case> datasetCases() {
        List<Case> cases = new ArrayList<>();
        List<DataDamage> damaged = List.of(
                new DataDamage("truncated PNG image", "camvid", camvidTrain("train", HostileInputs::truncate)),
                new DataDamage("corrupt PNG image data", "camvid",
                        camvidTrain("train", f -> HostileInputs.flip(f, 41, 400))),
                new DataDamage("corrupt PNG signature", "camvid",
                        camvidTrain("train", f -> HostileInputs.flip(f, 0, 4))),
                new DataDamage("truncated PNG mask", "camvid",
                        camvidTrain("trainannot", HostileInputs::truncate)),
                new DataDamage("zero-byte image", "camvid", camvidTrain("train", f -> Files.write(f,
                        new byte[0]))),
                new DataDamage("zero-byte mask", "camvid", camvidTrain("trainannot", f -> Files.write(f,
                        new byte[0]))),
                new DataDamage("truncated JPEG", "voc", vocTrainImages(HostileInputs::truncate)),
                new DataDamage("corrupt JPEG header", "voc", vocTrainImages(f -> HostileInputs.flip(f, 2,
                        40))),
                new DataDamage("mask of another size", "camvid", camvidTrain("trainannot",
                        f -> HostileInputs.png(f, HostileInputs.grey(H + 2, W, 11, -1)))),
                new DataDamage("label 200 in a 19-class set", "cityscapes", root -> {
                    try (Stream<Path> s = Files.walk(root.resolve("gtFine/train"))) {
                        for (Path f : s.filter(Files::isRegularFile).toList()) {
                            HostileInputs.png(f, HostileInputs.grey(H, W, 19, 200));
                        }
                    }
                    return "aachen_000000_000019_gtFine_labelTrainIds.png";
                }),
                new DataDamage("colour mask where class ids are expected", "camvid",
                        camvidTrain("trainannot", f -> HostileInputs.png(f,
                                HostileInputs.rgb(7)))),
                new DataDamage("missing mask", "camvid", camvidTrain("trainannot", Files::delete)));
        for (DataDamage d : damaged) {
            cases.add(data(d.name(), d.dataset(), d.damage()));
            cases.add(lenient(d.name(), d.dataset(), d.damage()));
        }
        cases.add(data("truncated mask beyond the eagerly decoded ones", "camvid", root -> {
            // the scan decodes the first 16 pairs in full; f9, the last by name, is read later
            for (int i = N; i < 20; i++) {
                HostileInputs.png(root.resolve("train/f" + i + ".png"), HostileInputs.rgb(i));
                HostileInputs.png(root.resolve("trainannot/f" + i + ".png"),
                        HostileInputs.grey(H, W, 11, -1));
            }
            HostileInputs.truncate(root.resolve("trainannot/f9.png"));
            return "f9.png";
        }));
        cases.add(data("empty images folder", "camvid", root -> {
            for (int i = 0; i < N; i++) {
                Files.delete(root.resolve("train/f" + i + ".png"));
                Files.delete(root.resolve("trainannot/f" + i + ".png"));
            }
            return "train";
        }));
        cases.add(data("empty VOC list file", "voc", root -> {
            Files.writeString(root.resolve("ImageSets/Segmentation/train.txt"), "");
            return "train.txt";
        }));
        cases.add(data("empty CamVid list file", "camvid", root -> {
            Files.writeString(root.resolve("train.txt"), "# nothing listed\n");
            return "train.txt";
        }));
        cases.add(data("CamVid list naming missing files", "camvid", root -> {
            Files.writeString(root.resolve("train.txt"), "/train/gone.png /trainannot/gone.png\n");
            return "gone.png";
        }));
        cases.add(data("images folder is a symbolic link loop", "camvid", root -> {
            Path train = root.resolve("train");
            try (Stream<Path> s = Files.list(train)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(train);
            Files.createSymbolicLink(train, train);
            return "train";
        }));
        return cases;
    }

    /** A damage to a valid tree of a dataset layout. */
    record DataDamage(String name, String dataset, Damage damage) {}

    // ---------------------------------------------------------------- configuration

    private static Case config(String name, String file, String content, String key) {
        return new Case(name, dir -> {
            Path f = dir.resolve(file);
            Files.writeString(f, content);
            Path out = dir.resolve("out");
            return new Attempt(new String[] {"train", "--config", f.toString(), "--output",
                out.toString()}, out, key, null);
        });
    }

    private static Case override(String name, String assignment, String key) {
        return new Case(name, dir -> {
            Path out = dir.resolve("out");
            return new Attempt(new String[] {"train", "--output", out.toString(), assignment},
                    out, key, null);
        });
    }

    static List<Case> configCases() {
        return List.of(
                config("JSON wrong type", "wrong-type.json",
                        "{\"train\": {\"iterations\": \"many\"}}", "train.iterations"),
                config("JSON unknown key", "unknown.json",
                        "{\"train\": {\"iteratons\": 5}}", "train.iteratons"),
                config("JSON malformed", "malformed.json",
                        "{\"train\": {\"iterations\": 5,}\n", "malformed.json"),
                config("JSON out-of-range value", "range.json",
                        "{\"optimizer\": {\"momentum\": 1.5}}", "optimizer.momentum"),
                config("JSON section given a number", "section.json",
                        "{\"optimizer\": 3}", "optimizer"),
                config("YAML wrong type", "wrong-type.yaml",
                        "train:\n  batch_size: [1, 2]\n", "train.batch_size"),
                config("YAML unknown key", "unknown.yml", "data:\n  strikt: true\n",
                        "data.strikt"),
                config("YAML malformed", "malformed.yaml", "train:\n  iterations: [5\n",
                        "malformed.yaml"),
                config("YAML unknown enum value", "method.yaml", "method:\n  name: dropklass\n",
                        "method.name"),
                config("config top level is a list", "list.json", "[1, 2]", "list.json"),
                config("config of another extension", "config.toml", "x = 1", "config.toml"),
                override("override wrong type", "train.batch_size=eight", "train.batch_size"),
                override("override unknown key", "optimiser.lr=0.1", "optimiser"),
                override("override out of range", "train.iterations=-3", "train.iterations"),
                override("override without =", "train.iterations", "train.iterations"),
                new Case("missing config file", dir -> {
                    Path out = dir.resolve("out");
                    return new Attempt(new String[] {"train", "--config",
                        dir.resolve("absent.json").toString(), "--output", out.toString()},
                            out, "absent.json", null);
                }));
    }

    // ---------------------------------------------------------------- weights

    private static final String OK_ENTRY =
            "\"a.weight\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 16]}";

    /** Hostile safetensors files: name → writer. */
    static List<Object[]> hostileWeights() {
        List<Object[]> files = new ArrayList<>();
        files.add(new Object[] {"header length 2^62", (FileDamage) f ->
                HostileInputs.rawSafetensors(f, 1L << 62, "{}".getBytes(), 0)});
        files.add(new Object[] {"header length beyond the file", (FileDamage) f ->
                HostileInputs.rawSafetensors(f, 4096, "{}".getBytes(), 0)});
        files.add(new Object[] {"data offsets beyond the file", (FileDamage) f ->
                HostileInputs.safetensors(f, "{\"a.weight\": {\"dtype\": \"F32\", \"shape\": "
                        + "[1000000], \"data_offsets\": [0, 4000000]}}", 16)});
        files.add(new Object[] {"overlapping offsets", (FileDamage) f ->
                HostileInputs.safetensors(f, "{" + OK_ENTRY + ", \"b.weight\": {\"dtype\": "
                        + "\"F32\", \"shape\": [2], \"data_offsets\": [8, 16]}}", 16)});
        files.add(new Object[] {"negative shape", (FileDamage) f ->
                HostileInputs.safetensors(f, "{\"a.weight\": {\"dtype\": \"F32\", \"shape\": "
                        + "[-4], \"data_offsets\": [0, 16]}}", 16)});
        files.add(new Object[] {"absurd shape", (FileDamage) f ->
                HostileInputs.safetensors(f, "{\"a.weight\": {\"dtype\": \"F32\", \"shape\": "
                        + "[4294967296, 4294967296], \"data_offsets\": [0, 16]}}", 16)});
        files.add(new Object[] {"non-JSON header", (FileDamage) f ->
                HostileInputs.safetensors(f, "PK\u0003\u0004 not json at all", 16)});
        files.add(new Object[] {"unknown dtype", (FileDamage) f ->
                HostileInputs.safetensors(f, "{\"a.weight\": {\"dtype\": \"F128\", \"shape\": "
                        + "[2], \"data_offsets\": [0, 16]}}", 16)});
        files.add(new Object[] {"shape x dtype differs from the byte length", (FileDamage) f ->
                HostileInputs.safetensors(f, "{\"a.weight\": {\"dtype\": \"F32\", \"shape\": "
                        + "[3], \"data_offsets\": [0, 16]}}", 16)});
        files.add(new Object[] {"zero-byte file", (FileDamage) f -> Files.write(f, new byte[0])});
        return files;
    }

    static List<Case> weightCases() {
        List<Case> cases = new ArrayList<>();
        for (Object[] w : hostileWeights()) {
            String what = (String) w[0];
            FileDamage writer = (FileDamage) w[1];
            cases.add(new Case("train --pretrained: " + what, dir -> {
                Path f = dir.resolve("hostile.safetensors");
                writer.apply(f);
                Path out = dir.resolve("out");
                return new Attempt(CliRunner.concat(new String[] {"train", "--output",
                    out.toString(), "--pretrained", f.toString()}, CliRunner.TINY), out,
                        "hostile.safetensors", null);
            }));
            cases.add(new Case("evaluate --checkpoint: " + what, dir -> {
                Path f = dir.resolve("hostile.safetensors");
                writer.apply(f);
                Path out = dir.resolve("out");
                return new Attempt(new String[] {"evaluate", "--checkpoint", f.toString(),
                    "--output", out.toString(), "data.height=32", "data.width=64",
                    "data.val_images=2", "--threads", "1"}, out, "hostile.safetensors", null);
            }));
            cases.add(new Case("export --checkpoint: " + what, dir -> {
                Path f = dir.resolve("hostile.safetensors");
                writer.apply(f);
                Path out = dir.resolve("out");
                Path target = out.resolve("exported.safetensors");
                return new Attempt(new String[] {"export", "--checkpoint", f.toString(),
                    "--format", "official", "--output", target.toString()}, out,
                        "hostile.safetensors", null);
            }));
        }
        return cases;
    }

    // ---------------------------------------------------------------- command line and outputs

    /** A file whose header is valid safetensors (one tensor) but that is no checkpoint. */
    private static Path foreignCheckpoint(Path dir) throws IOException {
        return HostileInputs.safetensors(dir.resolve("foreign.safetensors"), "{" + OK_ENTRY + "}",
                16);
    }

    static List<Case> usageCases() {
        return List.of(
                new Case("unknown option", dir -> new Attempt(new String[] {"train",
                    "--frobnicate", "--output", dir.resolve("out").toString()},
                        dir.resolve("out"), "--frobnicate", null)),
                new Case("missing required option", dir -> new Attempt(new String[] {
                    "evaluate", "--output", dir.resolve("out").toString()}, dir.resolve("out"),
                        "--checkpoint", null)),
                new Case("stray argument", dir -> new Attempt(new String[] {"train", "--output",
                    dir.resolve("out").toString(), "fast"}, dir.resolve("out"), "fast", null)),
                new Case("--output is a file", dir -> {
                    Path out = dir.resolve("out");
                    Files.writeString(out, "not a folder");
                    return new Attempt(CliRunner.concat(new String[] {"train", "--output",
                        out.toString()}, CliRunner.TINY), dir.resolve("absent"), out.toString(),
                            null);
                }),
                new Case("--output is a folder with files", dir -> {
                    Path out = dir.resolve("out");
                    Files.createDirectories(out);
                    Files.writeString(out.resolve("keep.txt"), "mine");
                    return new Attempt(CliRunner.concat(new String[] {"train", "--output",
                        out.toString()}, CliRunner.TINY), out, out.toString(), null);
                }),
                new Case("evaluate a safetensors file of another model", dir -> {
                    Path f = foreignCheckpoint(dir);
                    Path out = dir.resolve("out");
                    return new Attempt(new String[] {"evaluate", "--checkpoint", f.toString(),
                        "--output", out.toString(), "data.height=32", "data.width=64",
                        "data.val_images=2", "--threads", "1"}, out, "foreign.safetensors", null);
                }),
                new Case("predict without images", dir -> new Attempt(new String[] {"predict",
                    "--checkpoint", foreignCheckpoint(dir).toString(), "--output",
                    dir.resolve("out").toString()}, dir.resolve("out"), "predict", null)),
                new Case("predict without --output", dir -> {
                    Path image = dir.resolve("a.png");
                    HostileInputs.png(image, HostileInputs.rgb(1));
                    return new Attempt(new String[] {"predict", "--checkpoint",
                        foreignCheckpoint(dir).toString(), image.toString()},
                            dir.resolve("out"), "--output", null);
                }),
                new Case("predict a missing image", dir -> new Attempt(new String[] {"predict",
                    "--checkpoint", foreignCheckpoint(dir).toString(), "--output",
                    dir.resolve("out").toString(), dir.resolve("gone.png").toString()},
                        dir.resolve("out"), "gone.png", null)),
                new Case("predict a zero-byte image", dir -> {
                    Path image = dir.resolve("empty.png");
                    Files.write(image, new byte[0]);
                    return new Attempt(new String[] {"predict", "--checkpoint",
                        foreignCheckpoint(dir).toString(), "--output",
                        dir.resolve("out").toString(), image.toString()}, dir.resolve("out"),
                            "empty.png", null);
                }),
                new Case("predict an image with a corrupt signature", dir -> {
                    Path image = dir.resolve("bad.png");
                    HostileInputs.png(image, HostileInputs.rgb(1));
                    HostileInputs.flip(image, 0, 4);
                    return new Attempt(new String[] {"predict", "--checkpoint",
                        foreignCheckpoint(dir).toString(), "--output",
                        dir.resolve("out").toString(), image.toString()}, dir.resolve("out"),
                            "bad.png", null);
                }),
                new Case("predict a folder without images", dir -> {
                    Path folder = dir.resolve("texts");
                    Files.createDirectories(folder);
                    Files.writeString(folder.resolve("a.txt"), "x");
                    return new Attempt(new String[] {"predict", "--checkpoint",
                        foreignCheckpoint(dir).toString(), "--output",
                        dir.resolve("out").toString(), folder.toString()}, dir.resolve("out"),
                            "texts", null);
                }),
                new Case("cam without --output", dir -> {
                    Path image = dir.resolve("a.png");
                    HostileInputs.png(image, HostileInputs.rgb(1));
                    return new Attempt(new String[] {"cam", "--checkpoint",
                        foreignCheckpoint(dir).toString(), "--class", "rider", image.toString()},
                            dir.resolve("out"), "--output", null);
                }),
                new Case("export without --output", dir -> new Attempt(new String[] {"export",
                    "--checkpoint", foreignCheckpoint(dir).toString(), "--format", "official"},
                        dir.resolve("out"), "--output", null)),
                new Case("report of a missing folder", dir -> new Attempt(new String[] {"report",
                    dir.resolve("no-run").toString()}, dir.resolve("out"), "no-run", null)),
                new Case("report of a folder without runs", dir -> {
                    Files.createDirectories(dir.resolve("empty-runs"));
                    return new Attempt(new String[] {"report",
                        dir.resolve("empty-runs").toString()}, dir.resolve("out"), "empty-runs",
                            null);
                }),
                new Case("compare with an unknown method", dir -> new Attempt(new String[] {
                    "compare", "--methods", "baseline,magic", "--output",
                    dir.resolve("out").toString()}, dir.resolve("out"), "magic", null)),
                new Case("compare with zero seeds", dir -> new Attempt(new String[] {"compare",
                    "--seeds", "0", "--output", dir.resolve("out").toString()},
                        dir.resolve("out"), "--seeds", null)),
                new Case("models for zero classes", dir -> new Attempt(new String[] {"models",
                    "--classes", "0"}, dir.resolve("out"), "--classes", null)));
    }

    static Stream<Case> corpus() {
        return Stream.of(datasetCases(), configCases(), weightCases(), usageCases())
                .flatMap(List::stream);
    }

    // ---------------------------------------------------------------- the checks

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileInputIsRefusedInOneLineWithAFixAndLeavesNoRun(Case c) throws IOException {
        Attempt attempt = c.build().in(dir);
        CliRunner.Result r = CliRunner.run(attempt.args());
        assertOneLineUserError(r, attempt.names(), attempt.alsoSays());
        assertNoRunLeft(attempt.output());
    }

    static void assertOneLineUserError(CliRunner.Result r, String names, String alsoSays) {
        String err = r.err().strip();
        assertThat(r.code()).as("exit code; stderr: %s", err).isEqualTo(2);
        assertThat(err.lines()).as("stderr is one line").hasSize(1);
        assertThat(err).startsWith("dropclass: ").doesNotContain("Exception")
                .doesNotContain("\tat ").doesNotContain("internal error");
        assertThat(err).as("names the file or key").contains(names);
        assertThat(err).as("ends with a fix clause '; VERB ...'").containsPattern(FIX);
        if (alsoSays != null) {
            assertThat(err).contains(alsoSays);
        }
    }

    static void assertNoRunLeft(Path output) throws IOException {
        if (!Files.exists(output)) {
            return;
        }
        Path manifest = output.resolve("manifest.json");
        if (Files.exists(manifest)) {
            assertThat(Files.readString(manifest)).doesNotContain("\"finished\"");
        }
        Path checkpoints = output.resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> s = Files.list(checkpoints)) {
                assertThat(s.map(p -> p.getFileName().toString()))
                        .noneMatch(n -> n.endsWith(".safetensors"));
            }
        }
    }

    /** The corpus's base trees are valid: the failures above come from the damage alone. */
    @Test
    void theUndamagedTreesAreAccepted() throws IOException {
        for (String dataset : new String[] {"camvid", "voc", "cityscapes"}) {
            Path root = switch (dataset) {
                case "camvid" -> HostileInputs.camvid(dir);
                case "voc" -> HostileInputs.voc(dir);
                default -> HostileInputs.cityscapes(dir, -1);
            };
            CliRunner.Result r = CliRunner.run("stats", "--dataset", dataset, "--root",
                    root.toString(), "--split", "train", "--output",
                    dir.resolve("stats-" + dataset).toString(), "data.strict=true");
            assertThat(r.code()).as(dataset + ": " + r.err()).isZero();
        }
    }

    /** chmod 000 is not enforced for root, so this case only runs as another user. */
    @Test
    void anUnreadableImagesFolderIsAOneLineError() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            System.out.println("BadInputCorpusTest: unreadable-folder case skipped: running as"
                    + " root, where chmod 000 does not stop reading (the symbolic-link-loop case"
                    + " covers an unlistable folder)");
        }
        assumeFalse(root, "running as root: folder permissions are not enforced");
        Path camvid = HostileInputs.camvid(dir);
        Path train = camvid.resolve("train");
        Files.setPosixFilePermissions(train, PosixFilePermissions.fromString("---------"));
        try {
            Attempt a = trainAttempt(dir, "camvid", camvid, "train", null, "data.strict=true");
            CliRunner.Result r = CliRunner.run(a.args());
            assertOneLineUserError(r, "train", null);
            assertNoRunLeft(a.output());
        } finally {
            Files.setPosixFilePermissions(train, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
