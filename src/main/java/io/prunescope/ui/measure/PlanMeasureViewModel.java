package io.prunescope.ui.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.YoloFolderDataset;
import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.measure.Metric;
import io.prunescope.measure.PlanMeasurement;
import io.prunescope.measure.PlanResultCache;
import io.prunescope.prune.PruningPlan;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * "Measure plan" in the main window: the current plan's hard export against the original — top-1 accuracy (mAP for
 * a detector), fidelity and latency — in the background with progress and Cancel, as table rows and a short line
 * for the status bar. Results are kept per plan and data ({@link PlanResultCache}), so going back to a measured plan
 * (undo, a kept plan) shows its numbers at once. Data: the bundled sample of the model's kind (the Fashion images
 * for a classifier, the detection scenes for a detector), else random inputs with top-1 agreement as the metric.
 */
public final class PlanMeasureViewModel {

    private final ObservableValue<Workspace> workspace;
    private final ObservableValue<PruningPlan> plan;
    private final PlanResultCache cache = new PlanResultCache();
    private final BackgroundRun run;
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 256);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<PlanMeasurement> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyStringWrapper shortText = new ReadOnlyStringWrapper(this, "shortText", "");
    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();
    private final List<Runnable> measuredListeners = new java.util.ArrayList<>();

    public PlanMeasureViewModel(ObservableValue<Workspace> workspace, ObservableValue<PruningPlan> plan,
                                Executor worker) {
        this.workspace = workspace;
        this.plan = plan;
        this.run = new BackgroundRun(running, progress, status, worker);
        plan.addListener((obs, old, now) -> showCached());
        limit.addListener((obs, old, now) -> showCached());
        workspace.addListener((obs, old, now) -> showCached());
    }

    /** Measures the current plan (nothing when no model is open or a measurement runs). */
    public void measure() {
        Workspace ws = workspace.getValue();
        PruningPlan p = plan.getValue();
        if (ws == null || p == null || running.get()) {
            return;
        }
        String key = dataKey(ws);
        int max = limit.get();
        Task<PlanMeasurement> t = new Task<>() {
            @Override
            protected PlanMeasurement call() {
                CancellationToken cancel = CancellationToken.of(this::isCancelled);
                updateMessage("Reading the data …");
                Data d = data(ws, max);
                return PlanMeasurement.measure(ws, p, d.metric(), d.inputs(), RuntimeOptions.DEFAULT, (done, total,
                        message) -> {
                    updateProgress(done, total);
                    if (message != null && !message.isEmpty()) {
                        updateMessage(message);
                    }
                }, cancel);
            }
        };
        run.start(t, m -> {
            cache.put(p, key, m);
            status.set("Measured on " + describe(ws, max) + ".");
            showCached();
            measuredListeners.forEach(Runnable::run);
        }, () -> "Cancelled.", "Measurement failed");
    }

    public void cancel() {
        run.cancel();
    }

    /** The measurement of {@code p} on the current data, if it was measured in this session. */
    public PlanMeasurement measured(PruningPlan p) {
        Workspace ws = workspace.getValue();
        return ws == null ? null : cache.get(p, dataKey(ws)).orElse(null);
    }

    /** Measures {@code p} now, on the calling (worker) thread, and keeps the result: the plan comparison's runs. */
    PlanMeasurement measureNow(Workspace ws, PruningPlan p, CancellationToken cancel) {
        String key = dataKey(ws);
        PlanMeasurement known = cache.get(p, key).orElse(null);
        if (known != null) {
            return known;
        }
        Data d = data(ws, limit.get());
        PlanMeasurement m = PlanMeasurement.measure(ws, p, d.metric(), d.inputs(), RuntimeOptions.DEFAULT,
                io.prunescope.task.Progress.NONE, cancel);
        cache.put(p, key, m);
        javafx.application.Platform.runLater(this::showCached); // the current plan may be the one just measured
        return m;
    }

    /** Called on the FX thread after every measurement of the current plan. */
    public void addMeasuredListener(Runnable r) {
        measuredListeners.add(r);
    }

    private void showCached() {
        Workspace ws = workspace.getValue();
        // nothing measured yet (always so when a model has just opened): no need to digest the plan on the FX thread
        PlanMeasurement m = ws == null || cache.size() == 0 ? null
                : cache.get(plan.getValue(), dataKey(ws)).orElse(null);
        shown.set(m);
        rows.setAll(m == null ? List.of() : rows(m));
        shortText.set(m == null ? "" : shortForm(m));
    }

    static List<MetricRow> rows(PlanMeasurement m) {
        String metric = metricLabel(m.metric());
        return List.of(
                new MetricRow(metric, m.originalMetric(), m.prunedMetric(), false),
                new MetricRow("output cosine", 1, m.cosine(), false),
                new MetricRow("top-1 agreement", 1, m.agreement(), false),
                new MetricRow("latency, median (ms)", m.originalMs(), m.prunedMs(), false, true),
                new MetricRow("parameters", m.paramsBefore(), m.paramsAfter(), true),
                new MetricRow("GFLOPs", 2e-9 * m.macsBefore(), 2e-9 * m.macsAfter(), false, true));
    }

    /** "top-1 93.5 → 91.2 % · ×1.42 faster" */
    static String shortForm(PlanMeasurement m) {
        boolean percent = !m.metric().startsWith("map");
        String metric = percent
                ? String.format(Locale.ROOT, "%s %.1f → %.1f %%", metricLabel(m.metric()), 100 * m.originalMetric(),
                100 * m.prunedMetric())
                : String.format(Locale.ROOT, "%s %.3f → %.3f", metricLabel(m.metric()), m.originalMetric(),
                m.prunedMetric());
        return metric + String.format(Locale.ROOT, " · latency %.2f → %.2f ms", m.originalMs(), m.prunedMs());
    }

    /** How a {@link io.prunescope.measure.Metric}'s short name reads on screen. */
    public static String metricLabel(String metric) {
        return switch (metric) {
            case "top1" -> "top-1 accuracy";
            case "map50-95" -> "mAP@0.5:0.95";
            case "agreement" -> "top-1 agreement (random inputs)";
            default -> metric;
        };
    }

    // ---- data ---------------------------------------------------------------------------------------------

    private record Data(Metric metric, Map<String, FloatTensor> inputs) {
    }

    private static Path detectionYaml() {
        return BundledSample.defaultAssets().resolve(DetectionViewModel.BUNDLED_YAML);
    }

    private static boolean detector(Workspace ws) {
        return DetectionComparison.looksLikeDetector(ws) && Files.isRegularFile(detectionYaml());
    }

    /** What the results were measured on; part of the cache key, cheap (no file is read). */
    String dataKey(Workspace ws) {
        return describe(ws, limit.get());
    }

    static String describe(Workspace ws, int limit) {
        String n = limit <= 0 ? "all" : Integer.toString(limit);
        if (detector(ws)) {
            return n + " images of the bundled detection sample";
        }
        return BundledSample.isPresent(BundledSample.defaultAssets()) && fashion(ws)
                ? n + " images of the bundled Fashion sample" : Math.max(1, Math.min(limit, 256)) + " random inputs";
    }

    private static boolean fashion(Workspace ws) {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        return shape.length == 4 && shape[1] == 1 && shape[2] == 28 && shape[3] == 28;
    }

    private static Data data(Workspace ws, int limit) {
        if (detector(ws)) {
            DetectionComparison.InputSize size = DetectionComparison.inputSize(ws);
            DetectionOptions options = DetectionOptions.DEFAULT.withImageSize(size.dynamic() ? size.boundSize() : 0);
            DetectionDataset d = DetectionDataset.first(YoloFolderDataset.open(detectionYaml()), limit);
            return new Data(Metric.detection(d, options), Calibration.letterboxed(ws, d, 8));
        }
        MeasureDataViewModel source = new MeasureDataViewModel(ws);
        source.limitProperty().set(limit);
        if (!source.isRandom() && !fashion(ws)) {
            source.sourceProperty().set(MeasureDataViewModel.RANDOM);
        }
        Dataset labelled = source.isRandom() ? null : source.labelled();
        Map<String, FloatTensor> inputs = source.inputs();
        return new Data(labelled != null ? Metric.accuracy(labelled, 64)
                : Metric.fidelity(inputs, Metric.FidelityKind.AGREEMENT, 32), inputs);
    }

    // ---- state --------------------------------------------------------------------------------------------

    /** Images (samples) to measure on; 0 = all. */
    public IntegerProperty limitProperty() {
        return limit;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The measurement of the current plan on the current data, or null. */
    public ReadOnlyObjectProperty<PlanMeasurement> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The status bar's form of {@link #shownProperty()}, empty when there is none. */
    public ReadOnlyStringProperty shortTextProperty() {
        return shortText.getReadOnlyProperty();
    }

    public ObservableList<MetricRow> rows() {
        return rows;
    }
}
