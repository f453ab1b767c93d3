package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own warnings (c10's {@code [W... file:line]} lines, written by native code to file
 * descriptor 2) stay off the console unless {@code --verbose}. The commands run in child JVMs, the
 * only place those lines can be seen. A real libtorch warning is provoked on every machine:
 * {@code ATEN_CPU_CAPABILITY=bogus} makes libtorch warn at its first vectorised kernel ("ignoring
 * invalid value for ATEN_CPU_CAPABILITY", DispatchStub.cpp), through the same log as NNPACK's
 * "Could not initialize NNPACK" and the deprecation notices, and otherwise changes nothing.
 */
class QuietConsoleTest {

    /** A c10 log line: severity letter, date, time, file:line. */
    static final Pattern NATIVE_LINE =
            Pattern.compile("(?m)^\\[[IWEF]\\d{4} [0-9:.]+ [^\\]]*:\\d+\\]");

    private static final Map<String, String> PROVOKE = Map.of("ATEN_CPU_CAPABILITY", "bogus");

    /** The case as the test resources hold it, wherever the build runs from. */
    private static final String CASE = caseFolder();

    @TempDir Path dir;

    @Test
    void trainingPrintsNoEngineWarning() throws IOException, InterruptedException {
        ChildCli.Result r = ChildCli.run(PROVOKE, CliRunner.concat(
                new String[] {"train", "--output", dir.resolve("run").toString()}, CliRunner.TINY));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("validation @ 4");
        assertThat(NATIVE_LINE.matcher(r.output()).find()).as(r.output()).isFalse();
    }

    @Test
    void checkReferenceIsQuietAndVerboseShowsTheEngineWarning()
            throws IOException, InterruptedException {
        String[] args = {"check-reference", CASE, "--dtype", "float32", "--layout", "contiguous",
            "--threads", "2"};
        ChildCli.Result quiet = ChildCli.run(PROVOKE, args);
        assertThat(quiet.code()).as(quiet.output()).isZero();
        assertThat(quiet.output()).contains("PASSED");
        assertThat(NATIVE_LINE.matcher(quiet.output()).find()).as(quiet.output()).isFalse();

        ChildCli.Result verbose = ChildCli.run(PROVOKE, CliRunner.concat(args, "--verbose"));
        assertThat(verbose.code()).as(verbose.output()).isZero();
        assertThat(NATIVE_LINE.matcher(verbose.output()).find()).as(verbose.output()).isTrue();
        assertThat(verbose.output()).contains("ATEN_CPU_CAPABILITY: bogus");
    }

    @Test
    void torchCppLogLevelChoosesTheThresholdAndABadValueIsAOneLineError()
            throws IOException, InterruptedException {
        String[] args = {"check-reference", CASE, "--dtype", "float32", "--layout", "contiguous",
            "--threads", "2"};
        ChildCli.Result warning = ChildCli.run(
                Map.of("ATEN_CPU_CAPABILITY", "bogus", "TORCH_CPP_LOG_LEVEL", "warning"), args);
        assertThat(warning.code()).as(warning.output()).isZero();
        assertThat(warning.output()).contains("ATEN_CPU_CAPABILITY: bogus");

        ChildCli.Result bad = ChildCli.run(Map.of("TORCH_CPP_LOG_LEVEL", "loud"), args);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.output().strip()).isEqualTo("dropclass: environment variable"
                + " TORCH_CPP_LOG_LEVEL=loud: not a log level; use INFO, WARNING, ERROR or FATAL"
                + " (or 0 to 3)");
    }

    private static String caseFolder() {
        try {
            return Path.of(QuietConsoleTest.class
                    .getResource("/reference/hrnet_v1_layout_narrow/case.json").toURI())
                    .getParent().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
