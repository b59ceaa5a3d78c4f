package io.prunescope.cli;

import io.prunescope.measure.Comparison;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.runtime.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.ProgressListener;
import io.prunescope.session.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code evaluate MODEL [PRUNED] --data ...}: top-1 (and top-5) accuracy on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Top-1 (and top-5 with at least 5 classes) accuracy of a model, and of a pruned version of it,"
                + " on labelled data: an image folder (one sub-folder per class), IDX files (gzip accepted), or the"
                + " bundled Fashion-MNIST subset (--data bundled)."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The ONNX model.")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRUNED", description = "A pruned ONNX model to compare.")
    Path pruned;

    @Mixin
    MeasureOptions.Data data = new MeasureOptions.Data();

    @Mixin
    MeasureOptions.Runtime runtime = new MeasureOptions.Runtime();

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Workspace ws = options.open(model);
        Dataset d = data.open(ws);
        Common.Table t = new Common.Table(new String[] {"model", "top-1", "top-5", "samples", "classes"},
                new boolean[] {false, true, true, true, true});
        AccuracyResult a = Comparison.accuracy(ws.originalBytes(), d, data.batch, runtime.options(),
                ProgressListener.NONE, CancellationToken.NONE);
        row(t, model.getFileName().toString(), a);
        if (pruned != null) {
            if (!Files.isRegularFile(pruned)) {
                throw new IllegalArgumentException("'" + pruned + "' is not a file");
            }
            AccuracyResult b = Comparison.accuracy(Files.readAllBytes(pruned), d, data.batch, runtime.options(),
                    ProgressListener.NONE, CancellationToken.NONE);
            row(t, pruned.getFileName().toString(), b);
            t.add("difference", MeasureCommands.f4(b.top1() - a.top1()),
                    a.top5() == null || b.top5() == null ? "-" : MeasureCommands.f4(b.top5() - a.top5()), "", "");
        }
        out.print(t.render());
        out.flush();
        return 0;
    }

    private static void row(Common.Table t, String name, AccuracyResult r) {
        t.add(name, MeasureCommands.f4(r.top1()), r.top5() == null ? "-" : MeasureCommands.f4(r.top5()),
                Integer.toString(r.total()), Integer.toString(r.numClasses()));
    }
}
