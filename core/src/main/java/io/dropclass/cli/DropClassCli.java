package io.dropclass.cli;

import io.dropclass.config.ConfigException;
import io.dropclass.data.validation.InvalidSampleException;
import io.dropclass.scale.ChildJvm;
import io.dropclass.training.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code dropclass} command. Exit codes: 0 success, 2 a user error (an option, a file, a
 * value; one line on stderr, no stack trace), 1 an internal error.
 */
@Command(
        name = "dropclass",
        mixinStandardHelpOptions = true,
        versionProvider = DropClassCli.Version.class,
        description = "Train, evaluate and explain semantic-segmentation networks that are fair to"
                + " rare classes (DropClass, NeurIPS 2021).",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            StatsCommand.class,
            DemoCommand.class,
            CheckReferenceCommand.class,
            ExportCommand.class,
            ModelsCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            StudyCommand.class,
            ReportCommand.class,
            CamCommand.class,
            BenchCommand.class,
            SynthCommand.class
        })
public final class DropClassCli implements Runnable {

    /** Exit code of a user error. */
    static final int USER_ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors, and the engine's own warnings (libtorch's"
                    + " [W...] lines, hidden otherwise).")
    boolean verbose;

    /** Command arguments of this invocation, for run manifests. */
    static List<String> arguments = List.of();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: train, evaluate, predict, stats, demo, compare, sweep,"
                        + " report, cam, bench, check-reference, export or models");
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code (tests call this).
     *
     * @param args the arguments
     * @return 0, 1 or 2
     */
    public static int execute(String... args) {
        EngineSettings.applyDefaults();
        var online = EngineSettings.offlineOverridden(System::getenv);
        if (online.isPresent()) {
            System.err.println("dropclass: " + online.get());
            return USER_ERROR;
        }
        endWithParent(System.getenv(ChildJvm.PARENT_ENV));
        arguments = Arrays.asList(args.clone());
        CommandLine cli = new CommandLine(new DropClassCli());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // one line, like every other user error
            err.println("dropclass: " + firstLine(ex.getMessage()) + "; run '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for the options");
            return USER_ERROR;
        });
        cli.setExecutionStrategy(parseResult -> {
            var badLevel = EngineSettings.chooseNativeLog(verbose(parseResult), System::getenv);
            if (badLevel.isPresent()) {
                System.err.println("dropclass: " + badLevel.get());
                return USER_ERROR;
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                report(ex, commandLine, verbose(parseResult)));
        return cli.execute(args);
    }

    /**
     * A training started by an executor in a child JVM ends when the process that started it ends
     * (a killed driver or executor), so that no orphan trains on; the run stays unfinished and is
     * trained again by the next attempt.
     */
    private static void endWithParent(String parentPid) {
        if (parentPid == null || !parentPid.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("dropclass: the process that started this run ("
                            + parentPid + ") ended; stopping");
                    System.exit(143);
                }),
                () -> System.exit(143));
    }

    /** Whether --verbose was given, before or after the command's name. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (var r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static int report(Exception ex, CommandLine commandLine, boolean verbose) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidSampleException) {
                cause = t; // bad data found mid-run, however deep it was wrapped
                break;
            }
        }
        boolean user = cause instanceof UserError || cause instanceof ConfigException
                || cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof InvalidSampleException;
        if (user || cause instanceof TrainingDivergedException) {
            err.println("dropclass: " + firstLine(cause.getMessage()));
        } else {
            err.println("dropclass: internal error: " + cause.getClass().getSimpleName() + ": "
                    + firstLine(cause.getMessage())
                    + (verbose ? "" : " (--verbose shows details)"));
        }
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return user ? USER_ERROR : 1;
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("");
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DropClassCli.class.getPackage().getImplementationVersion();
            return new String[] {"dropclass " + (v == null ? "dev" : v)};
        }
    }
}
