package io.prunescope.ui.measure;

import io.prunescope.measure.ActivationCriteria;
import io.prunescope.measure.CriteriaComparison;
import io.prunescope.measure.Metric;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Criteria tab: every chosen criterion at every ratio on every prunable layer (filter pruning), each plan exported
 * hard and measured with the model's metric (mAP@0.5:0.95 for a detector, top-1 for a classifier), optionally again
 * after least-squares recovery — {@link CriteriaComparison} in the background with progress and Cancel. The result is
 * a chart (metric against GFLOPs) and a table.
 */
public final class CriteriaViewModel {

    /**
     * What to measure with, built on the worker thread.
     *
     * @param description e.g. "mAP@0.5:0.95 on the first 8 images of …"
     * @param calibration inputs for recovery and activation criteria, computed only when asked for
     */
    public record Measurement(String description, Metric metric, Supplier<Map<String, FloatTensor>> calibration) {
    }

    /**
     * Where the metric comes from. Both methods are called on the FX thread: {@link #snapshot()} when a run starts,
     * capturing the settings there; the returned work opens the data on the worker.
     */
    public interface MeasurementSource {

        /** What a run would measure with the current settings, e.g. "mAP@0.5:0.95 on the Detection tab's data". */
        String describe();

        Callable<Measurement> snapshot();
    }

    /** One row of the table. {@code recovered} is NaN without recovery. */
    public record Row(String criterion, double ratio, double gflops, long params, double metric, double change,
                      double recovered) {
    }

    /** Criteria offered, in this order; the activation criteria measure activations on the calibration data first. */
    public static final List<Criterion> OFFERED = List.of(Criterion.L1, Criterion.L2, Criterion.FPGM,
            Criterion.GEOMETRIC_MEDIAN, Criterion.BN_SCALE, Criterion.MEAN_ACTIVATION, Criterion.APOZ,
            Criterion.RANDOM);
    private static final List<Criterion> CHOSEN = List.of(Criterion.L1, Criterion.L2, Criterion.FPGM,
            Criterion.BN_SCALE, Criterion.RANDOM);
    public static final String DEFAULT_RATIOS = "0.1,0.2,0.3,0.4,0.5";

    private final Workspace ws;
    private final MeasurementSource source;
    private final BackgroundRun run;
    private final Map<Criterion, BooleanProperty> chosen = new EnumMap<>(Criterion.class);
    private final StringProperty ratios = new SimpleStringProperty(this, "ratios", DEFAULT_RATIOS);
    private final BooleanProperty recovery = new SimpleBooleanProperty(this, "recovery", false);
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads", 1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper metricDescription = new ReadOnlyStringWrapper(this, "metricDescription", "");
    private final ReadOnlyStringWrapper baseline = new ReadOnlyStringWrapper(this, "baseline", "");
    private final ReadOnlyObjectWrapper<CriteriaComparison.Result> result = new ReadOnlyObjectWrapper<>(this,
            "result");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanBinding ratiosValid;
    private final BooleanBinding canRun;

    public CriteriaViewModel(Workspace ws, MeasurementSource source, Executor worker) {
        this.ws = ws;
        this.source = source;
        this.run = new BackgroundRun(running, progress, status, worker);
        for (Criterion c : OFFERED) {
            chosen.put(c, new SimpleBooleanProperty(this, c.name(), CHOSEN.contains(c)));
        }
        ratiosValid = Bindings.createBooleanBinding(() -> parseRatios(ratios.get()) != null, ratios);
        List<javafx.beans.Observable> deps = new ArrayList<>(chosen.values());
        deps.add(running);
        deps.add(ratiosValid);
        canRun = Bindings.createBooleanBinding(() -> !running.get() && ratiosValid.get() && !criteria().isEmpty(),
                deps.toArray(javafx.beans.Observable[]::new));
        refreshMetric();
    }

    /** Re-reads what the metric would be (the data settings live elsewhere); call when the tab is shown. */
    public void refreshMetric() {
        String d;
        try {
            d = source.describe();
        } catch (RuntimeException e) {
            d = e.getMessage();
        }
        metricDescription.set("Metric: " + d);
    }

    public ReadOnlyStringProperty metricDescriptionProperty() {
        return metricDescription.getReadOnlyProperty();
    }

    /** "0.1, 0.2 ,0.3" or "10%,20%" → ratios in (0, 1), or null when any is not. */
    static double[] parseRatios(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split("[,;\\s]+");
        List<Double> out = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            try {
                double v = p.endsWith("%") ? Double.parseDouble(p.substring(0, p.length() - 1)) / 100
                        : Double.parseDouble(p);
                if (!(v > 0 && v < 1)) {
                    return null;
                }
                out.add(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() ? null : out.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    }

    /** The ticked criteria in {@link #OFFERED} order. */
    public List<Criterion> criteria() {
        List<Criterion> out = new ArrayList<>();
        for (Criterion c : OFFERED) {
            if (chosen.get(c).get()) {
                out.add(c);
            }
        }
        return out;
    }

    public BooleanProperty chosenProperty(Criterion c) {
        return chosen.get(c);
    }

    public StringProperty ratiosProperty() {
        return ratios;
    }

    public BooleanBinding ratiosValidProperty() {
        return ratiosValid;
    }

    /** Also measure every plan after least-squares recovery (calibrated on the same data). */
    public BooleanProperty recoveryProperty() {
        return recovery;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public void run() {
        if (!canRun.get()) {
            return;
        }
        List<Criterion> list = criteria();
        double[] r = parseRatios(ratios.get());
        boolean recover = recovery.get();
        RuntimeOptions options = RuntimeOptions.DEFAULT.withIntraOpThreads(Math.max(1, threads.get()));
        refreshMetric();
        Callable<Measurement> measurement;
        try {
            measurement = source.snapshot();
        } catch (RuntimeException e) {
            status.set("Comparison not started: " + e.getMessage());
            return;
        }
        Task<CriteriaComparison.Result> t = new Task<>() {
            @Override
            protected CriteriaComparison.Result call() throws Exception {
                CancellationToken cancel = CancellationToken.of(this::isCancelled);
                updateMessage("Reading the data …");
                Measurement m = measurement.call();
                Map<String, FloatTensor> calibration = null;
                if (recover || list.contains(Criterion.MEAN_ACTIVATION) || list.contains(Criterion.APOZ)) {
                    updateMessage("Calibration inputs …");
                    calibration = m.calibration().get();
                }
                if (list.contains(Criterion.MEAN_ACTIVATION) || list.contains(Criterion.APOZ)) {
                    updateMessage("Measuring activations for the activation criteria …");
                    ActivationCriteria.measureAndApply(ws, calibration, 16, options, Progress.NONE, cancel);
                }
                CriteriaComparison cmp = new CriteriaComparison(ws, Granularity.FILTER, r, options);
                if (recover) {
                    cmp.withRecovery(calibration);
                }
                updateMessage("Measuring the original model: " + m.description());
                long total = (long) list.size() * r.length;
                return cmp.run(list, m.metric(), (done, all, message) -> {
                    updateProgress(done, all);
                    updateMessage(String.format(Locale.ROOT, "%d of %d plans measured · %s", done, total,
                            m.description()));
                }, cancel);
            }
        };
        run.start(t, this::show, () -> "Cancelled.", "Comparison failed");
    }

    public void cancel() {
        run.cancel();
    }

    private void show(CriteriaComparison.Result r) {
        List<Row> out = new ArrayList<>();
        for (CriteriaComparison.Point p : r.points()) {
            out.add(new Row(p.criterion().label(), p.ratio(), p.gflops(), p.params(), p.metric(),
                    p.metric() - r.baseline(), p.recovered()));
        }
        rows.setAll(out);
        baseline.set(String.format(Locale.ROOT, "original: %s %.4f at %.3f GFLOPs, %,d params", r.metric(),
                r.baseline(), r.baseGflops(), r.params()));
        result.set(r);
        status.set(r.points().size() + " plans measured" + (r.skipped().isEmpty() ? "."
                : "; skipped " + String.join("; ", r.skipped())));
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0–1 over the plans; −1 until the first plan is measured. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "original: map50-95 0.6120 at 1.042 GFLOPs, …" once measured. */
    public ReadOnlyStringProperty baselineProperty() {
        return baseline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CriteriaComparison.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }
}
