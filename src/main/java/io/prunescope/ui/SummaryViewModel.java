package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.measure.LatencyModel;
import io.prunescope.measure.LatencyTable;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model-wide figures for the summary bar, as display strings: counts of the model, and params, MACs, GFLOPs and
 * sparsity before → after the current plan (from the document's preview) with the change in percent, and the conv
 * latency the plan saves as this machine's cached latency table predicts it. The prediction runs on the executor
 * (latest request wins): finding this machine's table reads {@code /proc/cpuinfo} and a JSON file and loads ONNX
 * Runtime's native library, ~300 ms that once stalled the FX thread right after a model opened.
 */
public final class SummaryViewModel {

    private final MainViewModel document;
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "No model");
    private final ReadOnlyStringWrapper nodes = new ReadOnlyStringWrapper(this, "nodes", Formats.NONE);
    private final ReadOnlyStringWrapper prunable = new ReadOnlyStringWrapper(this, "prunable", Formats.NONE);
    private final ReadOnlyStringWrapper params = new ReadOnlyStringWrapper(this, "params", Formats.NONE);
    private final ReadOnlyStringWrapper macs = new ReadOnlyStringWrapper(this, "macs", Formats.NONE);
    private final ReadOnlyStringWrapper gflops = new ReadOnlyStringWrapper(this, "gflops", Formats.NONE);
    private final ReadOnlyStringWrapper sparsity = new ReadOnlyStringWrapper(this, "sparsity", Formats.NONE);
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper(this, "latency", Formats.NONE);
    private final Executor executor;
    private final AtomicLong latestLatency = new AtomicLong();
    /** Touched on the executor only. */
    private Workspace latencyFor;
    private LatencyModel latencyModel;

    /** Predicts latency on the calling thread: for tests; the window passes a worker. */
    public SummaryViewModel(MainViewModel document) {
        this(document, Runnable::run);
    }

    /** {@code executor}: where the latency prediction runs (results are handed back with {@code runLater}). */
    public SummaryViewModel(MainViewModel document, Executor executor) {
        this.document = document;
        this.executor = executor;
        document.analysisProperty().addListener((obs, old, now) -> show());
        document.previewProperty().addListener((obs, old, now) -> show());
        show();
    }

    private void show() {
        ModelAnalysis a = document.getAnalysis();
        long request = latestLatency.incrementAndGet();
        if (a == null) {
            modelName.set("No model");
            for (ReadOnlyStringWrapper p : new ReadOnlyStringWrapper[]{nodes, prunable, params, macs, gflops,
                    sparsity, latency}) {
                p.set(Formats.NONE);
            }
            return;
        }
        modelName.set(a.model().displayName());
        nodes.set(Formats.count(a.model().graph().nodes().size()));
        prunable.set(Formats.count(a.prunableLayers().size()));
        Preview p = document.previewProperty().get();
        if (p == null) {
            params.set(Formats.count(a.totalParams()));
            macs.set(Formats.count(a.totalMacs()));
            gflops.set(Formats.gflops(a.totalMacs()));
            sparsity.set(Formats.percent(0));
            latency.set(Formats.NONE);
            return;
        }
        params.set(params(p));
        macs.set(macs(p));
        gflops.set(gflops(p));
        sparsity.set(Formats.percent(p.sparsity()));
        Workspace ws = document.getWorkspace();
        PruneDecision decision = document.decisionProperty().get();
        if (ws == null || decision == null) {
            latency.set(Formats.NONE);
            return;
        }
        executor.execute(() -> {
            if (request != latestLatency.get()) {
                return; // a newer preview is queued behind this one
            }
            String text = predictedLatency(ws, decision);
            Runnable shown = () -> {
                if (request == latestLatency.get()) {
                    latency.set(text);
                }
            };
            if (javafx.application.Platform.isFxApplicationThread()) {
                shown.run();
            } else {
                javafx.application.Platform.runLater(shown);
            }
        });
    }

    /**
     * Conv latency saved by the current decision as this machine's latency table predicts it (read from the cache
     * only, interpolated between measured channel counts; "—" until {@code bench latency-table} or
     * {@code prune-target --target-latency} has measured the model's convolutions). Never measures: that would
     * run ONNX Runtime on the FX thread.
     */
    private synchronized String predictedLatency(Workspace ws, PruneDecision decision) {
        if (ws != latencyFor) {
            latencyFor = ws;
            latencyModel = LatencyModel.cachedOnly(ws, LatencyTable.forMachine(null, RuntimeOptions.DEFAULT, 5));
        }
        double saved = latencyModel.savedFraction(decision);
        if (!Double.isFinite(saved)) {
            return Formats.NONE;
        }
        return saved <= 0 ? "±0 %" : String.format(Locale.ROOT, "−%.1f %% (predicted)", 100 * saved);
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    /** "before → after (−x %)" of the parameters, exactly as the summary shows it. */
    public static String params(Preview p) {
        return change(Formats.count(p.paramsBefore()), Formats.count(p.paramsAfter()), p.paramsBefore(),
                p.paramsAfter());
    }

    public static String macs(Preview p) {
        return change(Formats.count(p.macsBefore()), Formats.count(p.macsAfter()), p.macsBefore(), p.macsAfter());
    }

    public static String gflops(Preview p) {
        return change(Formats.gflops(p.macsBefore()), Formats.gflops(p.macsAfter()), p.macsBefore(), p.macsAfter());
    }

    private static String change(String before, String after, long b, long a) {
        if (a == b) {
            return before;
        }
        double pct = b == 0 ? 0 : 100.0 * (a - b) / b;
        return before + " → " + after + String.format(Locale.ROOT, "  (%s%.1f %%)", pct < 0 ? "−" : "+",
                Math.abs(pct));
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty prunableProperty() {
        return prunable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paramsProperty() {
        return params.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macsProperty() {
        return macs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gflopsProperty() {
        return gflops.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sparsityProperty() {
        return sparsity.getReadOnlyProperty();
    }
}
