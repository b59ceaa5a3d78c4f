package io.prunescope.ui.measure;

import io.prunescope.measure.ActivationCriteria;
import io.prunescope.measure.BudgetPlanner;
import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Comparison;
import io.prunescope.measure.Datasets;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.measure.Metric;
import io.prunescope.measure.Recovery;
import io.prunescope.measure.SensitivityAnalysis;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FidelityReport;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.ImageFolderDataset;
import io.prunescope.runtime.Preprocessing;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The measure window: the current plan's pruned model against the original (latency, fidelity, accuracy), a
 * detector's mAP on detection data ({@link DetectionView}), activation criteria, group sensitivity with its chart, a
 * budget proposal that becomes the plan, and training-free recovery. Everything heavy runs on a background thread
 * with progress and a Cancel button.
 */
public final class MeasureWindow {

    private final Workspace ws;
    private final Supplier<PruningPlan> currentPlan;
    private final ObservableValue<PruningPlan> planValue;
    private final Consumer<PruningPlan> applyPlan;
    private final Stage stage = new Stage();

    final ComboBox<String> source = new ComboBox<>();
    final Spinner<Integer> limit = new Spinner<>(0, 1_000_000, 1000, 100);
    final Spinner<Integer> threads = new Spinner<>(0, 64, 1);
    final TextField scale = new TextField("0.00392157");
    final TextField mean = new TextField("0");
    final TextField std = new TextField("1");
    final TextArea log = new TextArea();
    final ProgressBar progress = new ProgressBar(0);
    final Button cancel = new Button("Cancel");
    final ChartViewer chart = new ChartViewer(SensitivityChart.empty());
    final ComboBox<Criterion> criterion = new ComboBox<>();
    private Path idxImages;
    private Path idxLabels;
    private Path folder;
    private Task<?> running;
    private volatile boolean busy;
    private SensitivityResult curves;
    private BudgetPlanner.Proposal proposal;
    private Recovery.Result recovered;
    final ExecutorService detectionWorker = Executors.newSingleThreadExecutor(daemon("prunescope-detection"));
    final ExecutorService criteriaWorker = Executors.newSingleThreadExecutor(daemon("prunescope-criteria"));
    private final ExecutorService galleryIo = Executors.newSingleThreadExecutor(daemon("prunescope-gallery"));
    DetectionView detection;
    CriteriaView criteria;
    TabPane tabs;

    private MeasureWindow(Workspace ws, ObservableValue<PruningPlan> plan, Consumer<PruningPlan> applyPlan) {
        this.ws = ws;
        this.planValue = plan;
        this.currentPlan = plan::getValue;
        this.applyPlan = applyPlan;
        stage.setTitle("Measure — " + ws.model().displayName());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(build(), Math.min(1280, screen.getWidth() - 40),
                Math.min(860, screen.getHeight() - 60)));
        stage.setOnHidden(e -> {
            detection.viewModel().cancel();
            criteria.viewModel().cancel();
            detectionWorker.shutdownNow();
            criteriaWorker.shutdownNow();
            galleryIo.shutdownNow();
        });
    }

    /**
     * Opens the window (call on the FX thread) on the document's plan: results that depend on the plan (detection)
     * say so when it changes after they were measured.
     */
    public static MeasureWindow show(Workspace workspace, ObservableValue<PruningPlan> plan,
                                     Consumer<PruningPlan> applyPlan) {
        MeasureWindow w = create(workspace, plan, applyPlan);
        w.stage.show();
        return w;
    }

    /** The window, not shown yet (so that its owner and style sheets can be set first). Call on the FX thread. */
    public static MeasureWindow create(Workspace workspace, ObservableValue<PruningPlan> plan,
                                       Consumer<PruningPlan> applyPlan) {
        return new MeasureWindow(workspace, plan, applyPlan);
    }

    /** Opens the window on a plan that is read when a measurement starts. */
    public static MeasureWindow show(Workspace workspace, Supplier<PruningPlan> currentPlan,
                                     Consumer<PruningPlan> applyPlan) {
        return show(workspace, new SimpleObjectProperty<>(currentPlan.get()) {
            @Override
            public PruningPlan get() {
                return currentPlan.get();
            }
        }, applyPlan);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public Stage stage() {
        return stage;
    }

    private BorderPane build() {
        source.getItems().addAll("Random inputs", "Bundled Fashion subset", "IDX files…", "Image folder…");
        source.getSelectionModel().select(BundledSample.isPresent(BundledSample.defaultAssets()) ? 1 : 0);
        source.setOnAction(e -> chooseSource());
        limit.setEditable(true);
        threads.setEditable(true);
        scale.setPrefColumnCount(7);
        mean.setPrefColumnCount(10);
        std.setPrefColumnCount(10);
        HBox data = new HBox(8, new Label("Data"), source, new Label("limit"), limit, new Label("scale"), scale,
                new Label("mean"), mean, new Label("std"), std, new Label("threads"), threads);
        data.setPadding(new Insets(8));
        criterion.getItems().addAll(Criterion.values());
        criterion.getSelectionModel().select(Criterion.L1);

        detection = new DetectionView(new DetectionViewModel(ws, planValue, detectionWorker, galleryIo));
        Tab detectionTab = new Tab("Detection", detection.node());
        detectionTab.setId("detectionTab");
        boolean detector = DetectionComparison.looksLikeDetector(ws);
        criteria = new CriteriaView(new CriteriaViewModel(ws, detector ? detectionMeasurement()
                : classifierMeasurement(), criteriaWorker));
        Tab criteriaTab = new Tab("Criteria", criteria.node());
        criteriaTab.setId("criteriaTab");
        tabs = new TabPane(compareTab(), detectionTab, criteriaTab, sensitivityTab(), budgetTab(), recoveryTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        if (detector) {
            tabs.getSelectionModel().select(detectionTab);
        }
        log.setEditable(false);
        log.setPrefRowCount(10);
        log.setStyle("-fx-font-family: monospace");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox status = new HBox(8, progress, cancel);
        HBox.setHgrow(progress, javafx.scene.layout.Priority.ALWAYS);
        VBox bottom = new VBox(6, status, log);
        bottom.setPadding(new Insets(8));
        BorderPane root = new BorderPane(tabs, data, null, bottom, null);
        // The Detection tab has its own data, progress and Cancel: the classification data bar and the log would
        // only take its room.
        // The Criteria tab of a detector measures on the Detection tab's data.
        Runnable layout = () -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            boolean own = t == detectionTab || t == criteriaTab;
            root.setTop(t == detectionTab || (t == criteriaTab && detector) ? null : data);
            root.setBottom(own ? null : bottom);
            if (t == criteriaTab) {
                criteria.viewModel().refreshMetric();
            }
        };
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> layout.run());
        layout.run();
        return root;
    }

    private Tab compareTab() {
        Button latency = new Button("Latency");
        latency.setOnAction(e -> run("latency", c -> {
            Map<String, FloatTensor> x = Calibration.first(inputs(), 1);
            return Comparison.latency(ws, currentPlan.get(), x, threads.getValue(), 5, 30, this::progressTo, c)
                    .toString();
        }));
        Button fidelity = new Button("Fidelity");
        fidelity.setOnAction(e -> run("fidelity", c -> {
            FidelityReport r = Comparison.fidelity(ws, currentPlan.get(), inputs(), 32, options(), c);
            StringBuilder sb = new StringBuilder();
            r.outputs().forEach(o -> sb.append(String.format(Locale.ROOT,
                    "%s: cosine %.6f, max |err| %.4g, mean |err| %.4g%s (%d samples)%n", o.name(), o.cosine(),
                    o.maxAbsError(), o.meanAbsError(), o.top1Agreement() == null ? ""
                            : String.format(Locale.ROOT, ", top-1 agreement %.4f", o.top1Agreement()), o.samples())));
            r.notes().forEach(n -> sb.append(n).append('\n'));
            return sb.toString().strip();
        }));
        Button accuracy = new Button("Accuracy");
        accuracy.setOnAction(e -> run("accuracy", c -> {
            Comparison.AccuracyReport r = Comparison.accuracy(ws, currentPlan.get(), labelled(), 64, options(),
                    this::progressTo, c);
            return "original " + r.original() + "\npruned   " + r.pruned();
        }));
        Button activations = new Button("Measure activation criteria");
        activations.setOnAction(e -> run("activation criteria", c -> {
            ActivationCriteria.Result r = ActivationCriteria.measureAndApply(ws, inputs(), 64, options(),
                    this::progressTo, c);
            return r.layers().size() + " layers measured on " + r.samples() + " samples; MEAN_ACTIVATION and APOZ "
                    + "are now usable in plans" + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes()));
        }));
        VBox box = new VBox(8, new Label("The current plan's hard export against the original model."),
                new HBox(8, latency, fidelity, accuracy, activations));
        box.setPadding(new Insets(10));
        return new Tab("Compare", box);
    }

    private Tab sensitivityTab() {
        Button runIt = new Button("Run sensitivity");
        runIt.setOnAction(e -> run("sensitivity", c -> {
            Criterion crit = criterion.getValue();
            if (crit == Criterion.MEAN_ACTIVATION || crit == Criterion.APOZ) {
                ActivationCriteria.measureAndApply(ws, inputs(), 64, options(), Progress.NONE, c);
            }
            Dataset d = isRandom() ? null : labelled();
            Metric m = d != null ? Metric.accuracy(d, 64) : Metric.fidelity(inputs(), Metric.FidelityKind.AGREEMENT, 32);
            SensitivityResult r = new SensitivityAnalysis(ws, crit, SensitivityAnalysis.DEFAULT_RATIOS, options())
                    .run(m, this::progressTo, c);
            curves = r;
            Platform.runLater(() -> chart.setChart(SensitivityChart.of(r)));
            return String.format(Locale.ROOT, "%d groups, %s baseline %.4f (cached in %s)", r.groups().size(),
                    r.metric(), r.baseline(), io.prunescope.measure.SensitivityCache.defaultCache().dir());
        }));
        VBox box = new VBox(8, new HBox(8, new Label("criterion"), criterion, runIt), chart);
        VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return new Tab("Sensitivity", box);
    }

    private Tab budgetTab() {
        ComboBox<BudgetPlanner.Target> kind = new ComboBox<>();
        kind.getItems().addAll(BudgetPlanner.Target.values());
        kind.getSelectionModel().select(BudgetPlanner.Target.FLOPS);
        TextField fraction = new TextField("0.5");
        fraction.setPrefColumnCount(5);
        Button propose = new Button("Propose");
        Button apply = new Button("Use as plan");
        apply.setDisable(true);
        propose.setOnAction(e -> run("budget", c -> {
            if (curves == null) {
                throw new IllegalStateException("run the sensitivity analysis first");
            }
            double f = Double.parseDouble(fraction.getText().trim());
            Map<String, FloatTensor> x = Calibration.first(inputs(), 1);
            proposal = new BudgetPlanner(ws, curves).propose(kind.getValue(), f, Criterion.valueOf(curves.criterion()),
                    plan -> Comparison.latency(ws, plan, x, threads.getValue(), 3, 15, Progress.NONE, c)
                            .latencyReduction());
            Platform.runLater(() -> apply.setDisable(false));
            StringBuilder sb = new StringBuilder(proposal.toString()).append('\n');
            proposal.groupRatios().forEach((g, r) -> sb.append(String.format(Locale.ROOT, "  group %d → %.2f%n", g, r)));
            proposal.notes().forEach(n -> sb.append(n).append('\n'));
            return sb.toString().strip();
        }));
        apply.setOnAction(e -> {
            if (proposal != null) {
                applyPlan.accept(proposal.plan());
                log.appendText("budget plan applied; hand-tune it in the main window\n");
            }
        });
        VBox box = new VBox(8, new Label("Per-group ratios from the sensitivity curves that reach a reduction target."),
                new HBox(8, new Label("target"), kind, new Label("fraction"), fraction, propose, apply));
        box.setPadding(new Insets(10));
        return new Tab("Budget", box);
    }

    private Tab recoveryTab() {
        ComboBox<Recovery.Mode> mode = new ComboBox<>();
        mode.getItems().addAll(Recovery.Mode.values());
        mode.getSelectionModel().select(Recovery.Mode.LSQ);
        Button runIt = new Button("Recover");
        Button export = new Button("Export recovered…");
        export.setDisable(true);
        runIt.setOnAction(e -> run("recovery", c -> {
            PruningPlan plan = currentPlan.get();
            recovered = Recovery.recover(ws, plan, inputs(), Recovery.Options.of(mode.getValue()).withRuntime(options()),
                    this::progressTo, c);
            Platform.runLater(() -> export.setDisable(false));
            StringBuilder sb = new StringBuilder();
            recovered.layers().forEach(l -> sb.append(l).append('\n'));
            recovered.notes().forEach(n -> sb.append(n).append('\n'));
            if (!isRandom()) {
                Dataset d = labelled();
                AccuracyResult none = Comparison.accuracy(ws.exportBytes(plan, io.prunescope.prune.ExportKind.HARD), d,
                        64, options(), Progress.NONE, c);
                AccuracyResult after = Comparison.accuracy(recovered.model(), d, 64, options(), Progress.NONE, c);
                sb.append("accuracy without recovery ").append(none).append("\naccuracy with ")
                        .append(mode.getValue()).append(' ').append(after);
            }
            return sb.toString().strip();
        }));
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("recovered.onnx");
            File f = fc.showSaveDialog(stage);
            if (f != null && recovered != null) {
                try {
                    io.prunescope.files.AtomicFiles.write(f.toPath(), recovered.model());
                    log.appendText("wrote " + f + "\n");
                } catch (java.io.IOException ex) {
                    log.appendText("error: " + ex.getMessage() + "\n");
                }
            }
        });
        VBox box = new VBox(8, new Label("Training-free recovery of the current plan from calibration activations"
                + " (the selected data's samples)."), new HBox(8, new Label("mode"), mode, runIt, export));
        box.setPadding(new Insets(10));
        return new Tab("Recovery", box);
    }

    /** The Criteria tab's metric for a detector: mAP@0.5:0.95 on the Detection tab's data, limit and input size. */
    private CriteriaViewModel.MeasurementSource detectionMeasurement() {
        DetectionViewModel d = detection.viewModel();
        return new CriteriaViewModel.MeasurementSource() {
            @Override
            public String describe() {
                DetectionViewModel.DataSource s = d.sourceProperty().get();
                int n = d.limitProperty().get();
                return "mAP@0.5:0.95 on " + (s == null ? "(choose data in the Detection tab)" : s.describe())
                        + (n > 0 ? ", first " + n + " images" : ", all images") + " — the Detection tab's data";
            }

            @Override
            public java.util.concurrent.Callable<CriteriaViewModel.Measurement> snapshot() {
                DetectionViewModel.DataSource s = d.sourceProperty().get();
                if (s == null) {
                    throw new IllegalStateException("choose detection data in the Detection tab");
                }
                if (!d.inputSizeValidProperty().get()) {
                    throw new IllegalStateException("give the input size in the Detection tab");
                }
                int n = d.limitProperty().get();
                DetectionOptions options = d.options();
                return () -> {
                    DetectionDataset data = DetectionDataset.first(s.open(), n);
                    return new CriteriaViewModel.Measurement("mAP@0.5:0.95 on " + data.size() + " images",
                            Metric.detection(data, options), () -> Calibration.letterboxed(ws, data, 32));
                };
            }
        };
    }

    /** The Criteria tab's metric for a classifier: top-1 on the labelled data chosen at the top of the window. */
    private CriteriaViewModel.MeasurementSource classifierMeasurement() {
        return new CriteriaViewModel.MeasurementSource() {
            @Override
            public String describe() {
                return "top-1 on " + source.getValue() + " (limit " + limit.getValue() + "), chosen above";
            }

            @Override
            public java.util.concurrent.Callable<CriteriaViewModel.Measurement> snapshot() {
                Dataset d = labelled();
                return () -> new CriteriaViewModel.Measurement("top-1 on " + d.size() + " samples",
                        Metric.accuracy(d, 64), () -> Calibration.single(ws, Datasets.inputs(Datasets.limit(d, 256))));
            }
        };
    }

    // ---- data ---------------------------------------------------------------------------------------------

    private void chooseSource() {
        int i = source.getSelectionModel().getSelectedIndex();
        if (i == 1) {
            BundledSample s = BundledSample.fashion(BundledSample.defaultAssets());
            scale.setText(Float.toString(s.preprocessing().scale()));
            mean.setText(Float.toString(s.preprocessing().mean()[0]));
            std.setText(Float.toString(s.preprocessing().std()[0]));
        } else if (i == 2) {
            FileChooser fc = new FileChooser();
            fc.setTitle("IDX image file");
            File img = fc.showOpenDialog(stage);
            fc.setTitle("IDX label file");
            File lab = img == null ? null : fc.showOpenDialog(stage);
            idxImages = img == null ? null : img.toPath();
            idxLabels = lab == null ? null : lab.toPath();
        } else if (i == 3) {
            File d = new DirectoryChooser().showDialog(stage);
            folder = d == null ? null : d.toPath();
        }
    }

    private boolean isRandom() {
        return source.getSelectionModel().getSelectedIndex() == 0;
    }

    private RuntimeOptions options() {
        return RuntimeOptions.DEFAULT.withIntraOpThreads(threads.getValue());
    }

    private Preprocessing preprocessing(boolean gray) {
        long[] shape = ws.analysis().inputShapes().values().iterator().next();
        return Preprocessing.of((int) shape[3], (int) shape[2]).withGrayscale(gray || shape[1] == 1)
                .withScale(Float.parseFloat(scale.getText().trim()))
                .withNormalization(floats(mean.getText()), floats(std.getText()));
    }

    private static float[] floats(String csv) {
        String[] p = csv.split(",");
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Float.parseFloat(p[i].trim());
        }
        return v;
    }

    Dataset labelled() {
        Dataset d = switch (source.getSelectionModel().getSelectedIndex()) {
            case 1 -> BundledSample.fashion(BundledSample.defaultAssets()).dataset();
            case 2 -> {
                if (idxImages == null || idxLabels == null || !Files.exists(idxImages)) {
                    throw new IllegalStateException("choose the IDX image and label files");
                }
                yield IdxDataset.open(idxImages, idxLabels, preprocessing(true));
            }
            case 3 -> {
                if (folder == null) {
                    throw new IllegalStateException("choose an image folder");
                }
                yield ImageFolderDataset.open(folder, preprocessing(false));
            }
            default -> throw new IllegalStateException("random inputs have no labels: choose labelled data");
        };
        return Datasets.limit(d, limit.getValue());
    }

    Map<String, FloatTensor> inputs() {
        if (isRandom()) {
            return Calibration.random(ws, Math.max(1, Math.min(limit.getValue(), 256)), 1,
                    CalibrationInputs.Distribution.NORMAL);
        }
        return Calibration.single(ws, Datasets.inputs(labelled()));
    }

    // ---- background work ----------------------------------------------------------------------------------

    private interface Work {
        String call(CancellationToken cancel) throws Exception;
    }

    private void progressTo(long done, long total, String message) {
        Platform.runLater(() -> progress.setProgress(total == 0 ? 0 : (double) done / total));
    }

    private void run(String what, Work work) {
        if (busy) {
            log.appendText("busy: cancel the running " + what + " first\n");
            return;
        }
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                return work.call(CancellationToken.of(this::isCancelled));
            }
        };
        task.setOnSucceeded(e -> finish(what + ": " + task.getValue()));
        task.setOnCancelled(e -> finish(what + ": cancelled"));
        task.setOnFailed(e -> finish(what + ": " + (task.getException() instanceof java.util.concurrent.CancellationException
                ? "cancelled" : "error: " + task.getException().getMessage())));
        running = task;
        busy = true;
        cancel.setDisable(false);
        progress.setProgress(-1);
        log.appendText(what + "…\n");
        Thread t = new Thread(task, "measure-" + what);
        t.setDaemon(true);
        t.start();
    }

    private void finish(String message) {
        busy = false;
        cancel.setDisable(true);
        progress.setProgress(0);
        log.appendText(message + "\n");
    }

    /** For tests: waits until the running task is done. */
    boolean isBusy() {
        return busy;
    }
}
