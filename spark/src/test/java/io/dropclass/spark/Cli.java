package io.dropclass.spark;

import io.dropclass.cli.DropClassCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in this JVM (where the Spark executor is on the class path). */
final class Cli {

    /** Exit code, standard output, standard error. */
    record Result(int code, String out, String err) {}

    /** Tiny synthetic runs: 32×64 images, 4 steps of 2 images, one engine thread. */
    static final List<String> TINY = List.of("data.height=32", "data.width=64",
            "data.train_images=8", "data.val_images=4", "train.iterations=4",
            "train.batch_size=2", "train.validation_interval=2", "train.log_interval=1",
            "--threads", "1");

    private Cli() {}

    /** The arguments, then the tiny-run overrides. */
    static String[] tiny(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TINY);
        return all.toArray(String[]::new);
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = DropClassCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
