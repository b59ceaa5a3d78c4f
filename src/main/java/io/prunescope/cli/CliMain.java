package io.prunescope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Command-line entry point ({@code java -jar prunescope.jar ...}). Exit codes: 0 success, 1 internal error,
 * 2 bad input (unreadable model, unbound input dimensions, inconsistent model, bad options).
 */
@Command(name = "prunescope", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Inspect and prune ONNX models.",
        subcommands = {AnalyzeCommand.class, PruneCommand.class, PruneToTargetCommand.class, ScoresCommand.class,
                CompareCriteriaCommand.class,
                EvaluateCommand.class, SensitivityCommand.class, BenchCommand.class, GuiCommand.class,
                CommandLine.HelpCommand.class})
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
            return isBadInput(ex) ? EXIT_BAD_INPUT : EXIT_INTERNAL;
        });
        return cl;
    }

    /** What the user gave is wrong (a file, an option, the data): exit 2, not the internal-error 1. */
    static boolean isBadInput(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof BadInput
                || ex instanceof io.prunescope.files.UnsafeOutputException
                || ex instanceof io.prunescope.runtime.DatasetException
                || ex instanceof io.prunescope.detection.DetectionException
                || ex instanceof io.prunescope.prune.PlanException;
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err).execute(routeTargets(args));
        out.flush();
        err.flush();
        return code;
    }

    /**
     * {@code prune MODEL --target-flops 0.5 --recover lsq -o OUT} is the budget form of {@code prune}: the plan
     * comes from sensitivity curves instead of per-layer settings, so it runs the {@code prune-target} command.
     */
    static String[] routeTargets(String[] args) {
        if (args.length == 0 || !args[0].equals("prune")) {
            return args;
        }
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.equals("--target-flops") || name.equals("--target-params") || name.equals("--target-latency")
                    || name.equals("--recover")) {
                String[] routed = args.clone();
                routed[0] = "prune-target";
                return routed;
            }
        }
        return args;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
