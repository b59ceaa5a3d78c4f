package io.prunescope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Command-line entry point ({@code java -jar prunescope.jar ...}). Exit codes: 0 success, 1 internal error,
 * 2 bad input (unreadable model, unbound input dimensions, inconsistent model, bad options).
 */
@Command(name = "prunescope", mixinStandardHelpOptions = true, version = "PruneScope 0.1.0",
        description = "Inspect and prune ONNX models.",
        subcommands = {AnalyzeCommand.class, PruneCommand.class, PruneToTargetCommand.class, ScoresCommand.class,
                EvaluateCommand.class, SensitivityCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class CliMain implements Runnable {

    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line writing to the given streams (tests pass StringWriters). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CliMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            boolean verbose = parseResult != null && parseResult.subcommands().stream()
                    .anyMatch(p -> p.hasMatchedOption("--verbose"));
            PrintWriter e = line.getErr();
            e.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (verbose) {
                ex.printStackTrace(e);
            }
            e.flush();
            return ex instanceof IllegalArgumentException ? EXIT_BAD_INPUT : EXIT_INTERNAL;
        });
        return cl;
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
