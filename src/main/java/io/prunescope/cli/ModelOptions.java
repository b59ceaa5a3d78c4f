package io.prunescope.cli;

import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of every command that loads a model ({@code @Mixin}): the input bindings ({@code --input-shape},
 * {@code --symbol}) and {@code --verbose}, and loading a model with them.
 */
final class ModelOptions {

    @Option(names = "--input-shape", paramLabel = "NAME=D1,D2,...",
            description = "Concrete shape of an input, e.g. images=1,3,640,640 (repeatable).")
    List<String> inputShapes = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "SYMBOL=SIZE",
            description = "Size of a symbolic dimension, e.g. batch=1 (repeatable).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** The command this mixin belongs to: its stderr gets the loading phases. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Announces the phases of opening a model on the command's stderr (nothing if it is quick). */
    private PhaseReporter phases() {
        PrintWriter err = mixee == null ? new PrintWriter(java.io.Writer.nullWriter()) : mixee.commandLine().getErr();
        return new PhaseReporter(err);
    }

    /** The bindings the options give; an {@link IllegalArgumentException} if one is malformed. */
    InputBindings bindings() {
        InputBindings b = InputBindings.none();
        for (String s : inputShapes) {
            Map.Entry<String, long[]> e = InputBindings.parseShape(s);
            b = b.withShape(e.getKey(), e.getValue());
        }
        for (String s : symbols) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("expected SYMBOL=SIZE but got '" + s + "'");
            }
            long v;
            try {
                v = Long.parseLong(s.substring(eq + 1).trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + s.substring(eq + 1) + "' in '" + s
                        + "' is not a whole number");
            }
            if (v <= 0) {
                throw new IllegalArgumentException("size in '" + s + "' must be positive");
            }
            b = b.withSymbol(s.substring(0, eq).trim(), v);
        }
        return b;
    }

    /** Reads and analyses {@code model} with ONNX Runtime as the shape fallback; see {@link LoadedModel#load}. */
    LoadedModel load(Path model) {
        return load(model, true);
    }

    /** Reads and analyses {@code model}, asking ONNX Runtime for shapes static inference misses if {@code ortFallback}. */
    LoadedModel load(Path model, boolean ortFallback) {
        return LoadedModel.load(model, bindings(), ortFallback);
    }

    /** {@link #load(Path)}, announcing its phases. */
    LoadedModel load(Path model, boolean ortFallback, PhaseReporter phases) {
        return LoadedModel.load(model, bindings(), ortFallback, phases::begin);
    }

    /** Opens {@code model} as a workspace for the measuring commands; a load failure is an {@link IllegalArgumentException}. */
    Workspace open(Path model) {
        InputBindings b = bindings();
        try (PhaseReporter phases = phases()) {
            return Workspace.open(model, b, CancellationToken.NEVER, phases.asProgress());
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Opens a detector: with {@code imageSize > 0} and no {@code --input-shape}, a single image input whose batch,
     * height or width is symbolic (an official YOLOv5 export with --dynamic) is bound to {@code [1, C, S, S]}, so
     * {@code --imgsz} is all such a model needs.
     */
    Workspace openDetector(Path model, int imageSize) {
        if (imageSize <= 0 || !inputShapes.isEmpty()) {
            return open(model);
        }
        try {
            Workspace.Source src = Workspace.read(model);
            InputBindings b = bindings();
            var inputs = src.model().graph().inputs();
            if (inputs.size() == 1 && inputs.get(0).type() != null && inputs.get(0).type().shape() != null
                    && inputs.get(0).type().shape().rank() == 4 && !inputs.get(0).type().shape().isStatic()) {
                var shape = inputs.get(0).type().shape();
                long c = shape.dim(1).isKnown() ? shape.dim(1).value() : 3;
                long n = shape.dim(0).isKnown() ? shape.dim(0).value() : 1;
                b = b.withShape(inputs.get(0).name(), new long[] {n, c, imageSize, imageSize});
            }
            try (PhaseReporter phases = phases()) {
                return Workspace.open(src, b, CancellationToken.NEVER, phases.asProgress());
            }
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Prints {@code error: MESSAGE} and, under {@code --verbose}, the stack trace of {@code cause} (none if it is
     * null); flushes and returns the bad-input exit code.
     */
    int fail(PrintWriter err, String message, Exception cause) {
        err.println("error: " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return CliMain.EXIT_BAD_INPUT;
    }
}
