package sockets.common;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Runs a chapter's picocli command with the exit codes every chapter promises.
 *
 * <pre>
 *   0  ok
 *   1  a failure at run time (address in use, connection refused, ...): one line on stderr
 *   2  bad usage (a bad value, an unknown option): one line on stderr naming the value
 * </pre>
 *
 * Expected failures are {@link IOException}s (and {@link CommandFailedException}): they are
 * reported as one line, never as a stack trace. Anything else is a bug, and shows its trace.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** What {@code grade} says when the program to grade does not follow {@code --}. */
    public static final String MISSING_DASHES = "the program to grade goes after --:"
            + " grade TARGET [OPTIONS] -- COMMAND ARGS... (-- is missing)";

    private Cli() {
    }

    /** Parses {@code args}, runs the command, and returns its exit code. */
    public static int run(Object command, String... args) {
        return configure(new CommandLine(command)).execute(args);
    }

    /** Runs the command and exits the JVM with its code: what a {@code main} calls. */
    public static void main(Object command, String... args) {
        System.exit(run(command, args));
    }

    static CommandLine configure(CommandLine commandLine) {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            boolean grading = failed.getCommandSpec().name().equals("grade") && !java.util.Arrays.asList(args).contains("--");
            err.println(failed.getCommandSpec().qualifiedName() + ": " + (grading ? MISSING_DASHES + "; picocli said: " : "")
                    + ex.getMessage() + " (see --help)");
            err.flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            String expected = describeExpected(ex);
            if (expected == null) {
                throw ex;
            }
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + expected);
            err.flush();
            return FAILED;
        });
        return commandLine;
    }

    /** The one line an expected failure is reported as, or null if it is not expected (a bug). */
    static String describeExpected(Throwable ex) {
        if (ex instanceof UncheckedIOException unchecked) {
            ex = unchecked.getCause();
        }
        if (ex instanceof CommandFailedException || ex instanceof IOException) {
            String message = ex.getMessage();
            return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
        }
        return null;
    }
}
