package io.prunescope.ui.measure;

import io.prunescope.detection.ClassMetrics;
import io.prunescope.detection.CocoDataset;
import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionMetrics;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.detection.YoloFolderDataset;
import io.prunescope.measure.BundledSample;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.prune.PruningPlan;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The Detection tab of the measure window: which detection data, how many images, the letterbox size; evaluating the
 * original model and the current plan's hard export on it in the background (one progress over both passes,
 * cancellable); the results as table rows, a one-line summary and a gallery page of images with both models'
 * detections. Results remember the plan they were measured for and say so when the document's plan has moved on.
 *
 * <p>Holds JavaFX properties and plain data only; {@link DetectionView} binds to it. Call it on the FX thread.
 */
public final class DetectionViewModel {

    /** Where the detection data comes from. */
    public enum SourceKind { BUNDLED, YOLO_YAML, YOLO_FOLDER, COCO }

    /**
     * The chosen data.
     *
     * @param path   data.yaml, YOLO folder or COCO annotation JSON
     * @param images the COCO image folder (null: beside the JSON); unused otherwise
     */
    public record DataSource(SourceKind kind, Path path, Path images) {

        public String describe() {
            return switch (kind) {
                case BUNDLED -> "bundled sample " + path;
                case YOLO_YAML, YOLO_FOLDER -> path.toString();
                case COCO -> path + (images == null ? "" : " · images " + images);
            };
        }

        DetectionDataset open() {
            return switch (kind) {
                case BUNDLED, YOLO_YAML, YOLO_FOLDER -> YoloFolderDataset.open(path);
                case COCO -> CocoDataset.open(path, images);
            };
        }
    }

    /** One class of the per-class table (classes with labelled instances). */
    public record ClassRow(int classIndex, String name, int instances, double ap50Original, double ap50Pruned,
                           double ap50to95Original, double ap50to95Pruned) {
    }

    /** The bundled detection sample, relative to the assets folder. */
    public static final String BUNDLED_YAML = "data/fashion-detect/data.yaml";
    public static final int PAGE_SIZE = DetectionGallery.PAGE_SIZE;
    public static final double DEFAULT_THRESHOLD = DetectionGallery.DEFAULT_THRESHOLD;

    private final Workspace ws;
    private final ObservableValue<PruningPlan> plan;
    private final BackgroundRun run;
    private final DetectionComparison.InputSize modelSize;
    private final Path bundled;

    private final ObjectProperty<DataSource> source = new SimpleObjectProperty<>(this, "source");
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 100);
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads", 1);
    private final StringProperty inputSize = new SimpleStringProperty(this, "inputSize", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<DetectionComparison.Report> report = new ReadOnlyObjectWrapper<>(this,
            "report");
    private final ReadOnlyObjectWrapper<PruningPlan> measuredPlan = new ReadOnlyObjectWrapper<>(this, "measuredPlan");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<ClassRow> classes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<String>> classNames = new ReadOnlyObjectWrapper<>(this, "classNames",
            List.of());
    private final DetectionGallery gallery;
    private final BooleanBinding stale;
    private final BooleanBinding inputSizeValid;
    private final BooleanBinding canEvaluate;

    /**
     * @param plan    the document's current plan (results become stale when it changes)
     * @param worker  runs the evaluations (one at a time)
     * @param io      reads the gallery's images
     */
    public DetectionViewModel(Workspace ws, ObservableValue<PruningPlan> plan, Executor worker, Executor io) {
        this(ws, plan, worker, io, BundledSample.defaultAssets().resolve(BUNDLED_YAML));
    }

    DetectionViewModel(Workspace ws, ObservableValue<PruningPlan> plan, Executor worker, Executor io,
                       Path bundledYaml) {
        this.ws = ws;
        this.plan = plan;
        this.run = new BackgroundRun(running, progress, status, worker);
        this.gallery = new DetectionGallery(io, status);
        this.bundled = bundledYaml;
        this.modelSize = DetectionComparison.inputSize(ws);
        if (modelSize.dynamic()) {
            inputSize.set(modelSize.boundSize() > 0 ? Integer.toString(modelSize.boundSize()) : "");
        } else {
            inputSize.set(modelSize.width() + "×" + modelSize.height());
        }
        if (bundledAvailable()) {
            source.set(new DataSource(SourceKind.BUNDLED, bundled, null));
        }
        stale = Bindings.createBooleanBinding(
                () -> report.get() != null && !Objects.equals(measuredPlan.get(), plan.getValue()),
                report, measuredPlan, plan);
        inputSizeValid = Bindings.createBooleanBinding(() -> !modelSize.dynamic() || parseSize() > 0, inputSize);
        canEvaluate = Bindings.createBooleanBinding(
                () -> !running.get() && source.get() != null && inputSizeValid.get() && plan.getValue() != null,
                running, source, inputSizeValid, plan);
    }

    // ---- data and settings --------------------------------------------------------------------------------

    public boolean bundledAvailable() {
        return Files.isRegularFile(bundled);
    }

    public void useBundled() {
        if (bundledAvailable()) {
            source.set(new DataSource(SourceKind.BUNDLED, bundled, null));
        }
    }

    /** A data.yaml ({@code .yaml}/{@code .yml}) or a YOLO folder. */
    public void useYolo(Path dataYamlOrFolder) {
        source.set(new DataSource(Files.isDirectory(dataYamlOrFolder) ? SourceKind.YOLO_FOLDER : SourceKind.YOLO_YAML,
                dataYamlOrFolder, null));
    }

    /** A COCO annotation JSON and its image folder (null: the JSON's folder). */
    public void useCoco(Path annotations, Path images) {
        source.set(new DataSource(SourceKind.COCO, annotations, images));
    }

    public ObjectProperty<DataSource> sourceProperty() {
        return source;
    }

    /** How many images to evaluate (the first ones); 0 = all. */
    public IntegerProperty limitProperty() {
        return limit;
    }

    /** ONNX Runtime intra-op threads for the evaluations. */
    public IntegerProperty threadsProperty() {
        return threads;
    }

    /**
     * The letterbox size: "W×H" and not editable when the model fixes it, else a square size to type (required).
     */
    public StringProperty inputSizeProperty() {
        return inputSize;
    }

    public boolean inputSizeFixed() {
        return !modelSize.dynamic();
    }

    public BooleanBinding inputSizeValidProperty() {
        return inputSizeValid;
    }

    private int parseSize() {
        String s = inputSize.get() == null ? "" : inputSize.get().trim();
        try {
            int v = Integer.parseInt(s);
            return v >= 32 && v <= 8192 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    DetectionOptions options() {
        return DetectionOptions.DEFAULT.withImageSize(modelSize.dynamic() ? parseSize() : 0);
    }

    // ---- running ------------------------------------------------------------------------------------------

    public BooleanBinding canEvaluateProperty() {
        return canEvaluate;
    }

    /** Evaluates the original and the current plan's hard export on the chosen data, in the background. */
    public void evaluate() {
        if (!canEvaluate.get()) {
            return;
        }
        DataSource data = source.get();
        int max = limit.get();
        DetectionOptions options = options();
        RuntimeOptions rt = RuntimeOptions.DEFAULT.withIntraOpThreads(Math.max(1, threads.get()));
        PruningPlan measured = plan.getValue();
        Task<DetectionComparison.Report> t = new Task<>() {
            @Override
            protected DetectionComparison.Report call() {
                CancellationToken cancel = CancellationToken.of(this::isCancelled);
                updateMessage("Reading " + data.describe() + " …");
                DetectionDataset d = DetectionDataset.first(data.open(), max);
                updateMessage("Exporting the pruned model …");
                int n = d.size();
                return DetectionComparison.compare(ws, measured, d, options, rt, (done, total, message) -> {
                    updateProgress(done, total);
                    updateMessage(done <= n ? String.format(Locale.ROOT, "Original model: image %d of %d", done, n)
                            : String.format(Locale.ROOT, "Pruned model: image %d of %d", done - n, n));
                }, cancel);
            }
        };
        run.start(t, r -> show(r, measured), () -> "Cancelled." + (report.get() == null ? ""
                : " The results below are from the last completed run."), "Evaluation failed");
    }

    /** Stops the running evaluation (it ends before its next image). */
    public void cancel() {
        run.cancel();
    }

    private void show(DetectionComparison.Report r, PruningPlan measured) {
        DetectionMetrics a = r.original().metrics();
        DetectionMetrics b = r.pruned().metrics();
        metrics.setAll(
                new MetricRow("mAP@0.5", a.map50(), b.map50(), false),
                new MetricRow("mAP@0.5:0.95", a.map50to95(), b.map50to95(), false),
                new MetricRow("precision", a.precision(), b.precision(), false),
                new MetricRow("recall", a.recall(), b.recall(), false),
                new MetricRow("images", a.images(), b.images(), true),
                new MetricRow("instances", a.instances(), b.instances(), true));
        List<ClassRow> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.perClass().size(); i++) {
            ClassMetrics x = a.perClass().get(i);
            ClassMetrics y = i < b.perClass().size() ? b.perClass().get(i) : x;
            names.add(x.name());
            if (x.instances() > 0) {
                rows.add(new ClassRow(x.classIndex(), x.name(), x.instances(), x.ap50(), y.ap50(), x.ap50to95(),
                        y.ap50to95()));
            }
        }
        classes.setAll(rows);
        classNames.set(List.copyOf(names));
        summary.set(DetectionNumbers.summaryLine(a.map50to95(), b.map50to95()));
        detail.set(String.format(Locale.ROOT, "mAP@0.5 %s → %s (%s) · %d images, %d instances, %d×%d letterbox · "
                        + "pruned: params %s, MACs %s · AP as pycocotools COCOeval, P/R as val.py",
                DetectionNumbers.num(a.map50()), DetectionNumbers.num(b.map50()),
                DetectionNumbers.signed(b.map50() - a.map50()), a.images(), a.instances(),
                r.original().inputWidth(), r.original().inputHeight(), DetectionNumbers.reduction(r.paramReduction()),
                DetectionNumbers.reduction(r.macReduction())));
        measuredPlan.set(measured);
        report.set(r);
        status.set(String.format(Locale.ROOT, "Evaluated %d images with both models.", a.images()));
        gallery.show(r);
    }

    /** "mAP@0.5:0.95 0.612 → 0.498 (−0.114)". */
    static String summaryLine(double original, double pruned) {
        return DetectionNumbers.summaryLine(original, pruned);
    }

    // ---- gallery (DetectionGallery) --------------------------------------------------------------------------

    /** The gallery of the shown results: pages, threshold, images read in the background. */
    public DetectionGallery galleryPages() {
        return gallery;
    }

    public void nextPage() {
        gallery.nextPage();
    }

    public void previousPage() {
        gallery.previousPage();
    }

    void reportDrawn(int boxes) {
        gallery.reportDrawn(boxes);
    }

    // ---- read-only state ----------------------------------------------------------------------------------

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0–1 over both passes, −1 (indeterminate) while starting. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DetectionComparison.Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The plan the shown results were measured for. */
    public ReadOnlyObjectProperty<PruningPlan> measuredPlanProperty() {
        return measuredPlan.getReadOnlyProperty();
    }

    /** True when results are shown and the document's plan is no longer the one they were measured for. */
    public BooleanBinding staleProperty() {
        return stale;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<MetricRow> metrics() {
        return metrics;
    }

    public ObservableList<ClassRow> classes() {
        return classes;
    }

    /** The model's class names (index → name), for the gallery's labels. */
    public ReadOnlyObjectProperty<List<String>> classNamesProperty() {
        return classNames.getReadOnlyProperty();
    }

    /** Gallery: detections with a score at least this are drawn. */
    public DoubleProperty thresholdProperty() {
        return gallery.thresholdProperty();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return gallery.pageProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return gallery.pageCountProperty();
    }

    public ObservableList<DetectionGallery.GalleryImage> gallery() {
        return gallery.images();
    }

    /** Detections at or above the threshold on the gallery page, both models together. */
    public ReadOnlyIntegerProperty shownDetectionsProperty() {
        return gallery.shownDetectionsProperty();
    }

    /** Detection boxes the gallery's canvases drew last (both models; ground truth not counted). */
    public ReadOnlyIntegerProperty drawnBoxesProperty() {
        return gallery.drawnBoxesProperty();
    }
}
