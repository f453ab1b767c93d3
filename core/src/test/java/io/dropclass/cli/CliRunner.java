package io.dropclass.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures its exit code and output. */
final class CliRunner {

    /** Exit code, standard output, standard error. */
    record Result(int code, String out, String err) {}

    /** Tiny synthetic training: 32×64 images, 4 steps of 2 images, 2 threads. */
    static final String[] TINY = {
        "data.height=32", "data.width=64", "data.train_images=8", "data.val_images=4",
        "train.iterations=4", "train.batch_size=2", "train.validation_interval=2",
        "train.log_interval=1", "--threads", "2"
    };

    private CliRunner() {}

    static Result run(String... args) {
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

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
